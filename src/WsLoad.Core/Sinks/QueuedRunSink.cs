using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Sinks;

/// <summary>Gives a sink that implements <see cref="IRunSink"/> directly the queue and task of <see cref="RunSinkBase"/>.</summary>
internal sealed class QueuedRunSink(IRunSink inner) : RunSinkBase
{
    public override string Name => inner.Name;

    protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
    {
        inner.OnInterval(snapshot);
        return ValueTask.CompletedTask;
    }

    protected override Task HandleEndAsync(RunResult result, CancellationToken cancellationToken) => inner.OnEndAsync(result, cancellationToken);
}
