using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Sinks;

/// <summary>
/// A live consumer of a run: the console's live view, a dashboard, Prometheus, a webhook, a checkpoint. It sees every
/// interval's <see cref="IntervalSnapshot"/> as the run goes, and the <see cref="RunResult"/> at the end. Derive from
/// <see cref="RunSinkBase"/> for the plumbing (a bounded queue and a task of its own); a sink that implements this
/// interface directly is given one by the run all the same, so no sink can hold the run up, and one that throws is
/// counted in its own <see cref="SinkHealth"/>, never among the run's failures.
/// </summary>
public interface IRunSink
{
    /// <summary>A short name for the sink's health report, such as <c>console</c> or <c>prometheus</c>.</summary>
    string Name { get; }

    /// <summary>One more interval. Called in interval order, never concurrently.</summary>
    void OnInterval(IntervalSnapshot snapshot);

    /// <summary>The run is over: its result, after the last interval.</summary>
    Task OnEndAsync(RunResult result, CancellationToken cancellationToken);
}
