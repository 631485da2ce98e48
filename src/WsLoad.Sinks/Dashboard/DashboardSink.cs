using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Sinks.Dashboard;

/// <summary>One run's sink for the dashboard: each second becomes a point in the <see cref="DashboardFeed"/>, and the result its summary.</summary>
internal sealed class DashboardSink(DashboardFeed feed, int runNumber) : RunSinkBase
{
    public override string Name => "dashboard";

    protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
    {
        feed.AddPoint(runNumber, DashboardPoints.From(snapshot));
        return ValueTask.CompletedTask;
    }

    protected override Task HandleEndAsync(RunResult result, CancellationToken cancellationToken)
    {
        feed.End(runNumber, DashboardSummary.Of(result));
        return Task.CompletedTask;
    }
}
