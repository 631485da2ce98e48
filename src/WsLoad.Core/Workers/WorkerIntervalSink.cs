using WsLoad.Metrics;
using WsLoad.Sinks;

namespace WsLoad.Workers;

/// <summary>A worker's live sink: each interval it measures goes to the controller as a <see cref="WorkerInterval"/>.</summary>
internal sealed class WorkerIntervalSink(WorkerChannel channel) : RunSinkBase
{
    public override string Name => "controller";

    protected override async ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken) =>
        await channel.SendAsync(new WorkerInterval(snapshot), cancellationToken);
}
