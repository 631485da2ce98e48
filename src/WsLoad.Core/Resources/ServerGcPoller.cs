using System.Text.Json;

namespace WsLoad.Resources;

/// <summary>
/// Reads a WsLoad target server's <c>/stats</c> (<c>wsload serve</c>, the demo's server) every <see cref="Period"/> for
/// the time its process has paused for garbage collection: /proc shows a server's CPU and memory, not its GC, and a GC
/// pause is a server stall the analysis should be able to name. Threading: one polling loop of its own;
/// <see cref="TotalPauseMs"/> is read from any thread. A failed poll keeps the last value (the server may be busy).
/// </summary>
internal sealed class ServerGcPoller : IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _statsUrl;
    private readonly TimeProvider _time;
    private double _totalPauseMs = double.NaN;

    private ServerGcPoller(Uri statsUrl, TimeProvider time)
    {
        _statsUrl = statsUrl;
        _time = time;
    }

    /// <summary>The server's total GC pause since it started, ms, from the latest poll that answered; null before any.</summary>
    public double? TotalPauseMs => Volatile.Read(ref _totalPauseMs) is var total && double.IsNaN(total) ? null : total;

    public static ServerGcPoller Start(Uri statsUrl, TimeProvider time)
    {
        var poller = new ServerGcPoller(statsUrl, time);
        _ = poller.PollAsync();
        return poller;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            await PollOnceAsync(token).ConfigureAwait(false);
            try
            {
                await Task.Delay(Period, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PollOnceAsync(CancellationToken token)
    {
        try
        {
            var body = await _http.GetByteArrayAsync(_statsUrl, token).ConfigureAwait(false);
            using var stats = JsonDocument.Parse(body);
            if (stats.RootElement.TryGetProperty("gcPauseMilliseconds", out var pause) && pause.TryGetDouble(out var ms))
            {
                Volatile.Write(ref _totalPauseMs, ms);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or OperationCanceledException or ObjectDisposedException)
        {
            // Not reachable this time, stopping, or not a WsLoad server: the interval simply has no GC figure.
        }
    }
}
