using System.Globalization;
using WsLoad.Results;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// <c>--prometheus-remote-write</c>: one sender and one set of cumulative series for the whole command, and a sink per
/// run that feeds them. When stopped it drains the sender (bounded) and says in one line what was sent and dropped,
/// naming the receiver by scheme, host and port only.
/// </summary>
internal sealed class RemoteWriteMonitor : ILiveMonitor
{
    private readonly RemoteWriteSender _sender;
    private readonly CumulativeMetrics _metrics = new();
    private readonly TimeSpan _interval;
    private readonly RemoteWritePolicy _policy;
    private readonly TimeProvider _time;
    private readonly Action<string> _say;

    private RemoteWriteMonitor(RemoteWriteSender sender, TimeSpan interval, RemoteWritePolicy policy, TimeProvider time, Action<string> say)
    {
        _sender = sender;
        _interval = interval;
        _policy = policy;
        _time = time;
        _say = say;
    }

    /// <summary>Starts sending to <paramref name="url"/> every <paramref name="interval"/> of each run.</summary>
    /// <exception cref="LiveMonitoringException">The URL is not http(s) or the interval is not positive (the message never quotes the URL).</exception>
    public static RemoteWriteMonitor Start(Uri url, TimeSpan interval, Action<string> say, RemoteWritePolicy? policy = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw new LiveMonitoringException("--prometheus-remote-write is not an http:// or https:// URL (e.g. http://127.0.0.1:9090/api/v1/write)");
        }

        if (interval <= TimeSpan.Zero)
        {
            throw new LiveMonitoringException("--remote-write-interval must be more than 0 (e.g. 5s)");
        }

        policy ??= new RemoteWritePolicy();
        time ??= TimeProvider.System;
        return new RemoteWriteMonitor(new RemoteWriteSender(new RemoteWriteEndpoint(url), policy, time), interval, policy, time, say);
    }

    public IRunSink? CreateSink(LiveRun run) => new RemoteWriteSink(run, _metrics, _sender, _interval, _policy, _time);

    public Task ReportsWrittenAsync(LiveRun run, RunResult result, string? htmlReport, CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _sender.DisposeAsync();
        _say(Summary(_sender.Display, _sender.Counts.Read()));
    }

    /// <summary>The closing line: <c>remote write to http://127.0.0.1:9090: 52 requests, 4,212 samples sent, 0 dropped</c>.</summary>
    public static string Summary(string receiver, SinkSamples counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"remote write to {receiver}: {counts.Requests:N0} requests, {counts.Sent:N0} samples sent, {counts.Dropped:N0} dropped");
        return counts.RequestsFailed == 0
            ? line
            : line + string.Create(CultureInfo.InvariantCulture, $", {counts.RequestsFailed:N0} requests failed (last: {counts.LastFailure})");
    }
}
