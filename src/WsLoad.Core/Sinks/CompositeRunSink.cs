using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Sinks;

/// <summary>
/// The run's sinks as one: each interval goes to every sink's own queue, and one sink's failure or slowness never
/// reaches another, nor the run. At the end the run waits a bounded time for them (<see cref="DrainAsync"/>), writes
/// their health into the result, and hands the result to those that finished (<see cref="OnEndAsync"/>).
/// </summary>
public sealed class CompositeRunSink
{
    private readonly RunSinkBase[] _sinks;

    public CompositeRunSink(IEnumerable<IRunSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        _sinks = [.. sinks.Select(sink => sink as RunSinkBase ?? new QueuedRunSink(sink))];
    }

    public int Count => _sinks.Length;

    public void OnInterval(IntervalSnapshot snapshot)
    {
        foreach (var sink in _sinks)
        {
            sink.OnInterval(snapshot);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for every sink to handle what it was given; returns their health.</summary>
    public async Task<IReadOnlyList<SinkHealth>> DrainAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        await Task.WhenAll(_sinks.Select(sink => sink.DrainAsync(wait.Token)));
        return [.. _sinks.Select(sink => sink.Health)];
    }

    /// <summary>Hands the result to every sink that finished its intervals, each bounded by <paramref name="cancellationToken"/>.</summary>
    public Task OnEndAsync(RunResult result, CancellationToken cancellationToken) =>
        Task.WhenAll(_sinks.Where(sink => sink.Health.Finished).Select(sink => EndQuietlyAsync(sink, result, cancellationToken)));

    private static async Task EndQuietlyAsync(RunSinkBase sink, RunResult result, CancellationToken cancellationToken)
    {
        try
        {
            await sink.OnEndAsync(result, cancellationToken);
        }
#pragma warning disable CA1031 // The result is written by now, so a sink failing on it can only fail itself; the run's caller still gets it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
