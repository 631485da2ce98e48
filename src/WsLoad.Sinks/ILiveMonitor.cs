using WsLoad.Results;

namespace WsLoad.Sinks;

/// <summary>
/// One kind of live monitoring (the dashboard, the scrape endpoint, the remote write, the webhooks) as
/// <see cref="LiveMonitoring"/> holds it: started once, before the first run, it gives each run a sink of its own
/// (a suite runs many), hears when a run's reports are written, and is stopped at the end.
/// </summary>
internal interface ILiveMonitor : IAsyncDisposable
{
    /// <summary>A sink for one run, or null when this monitor has nothing to do per run.</summary>
    IRunSink? CreateSink(LiveRun run);

    /// <summary>The run's result is final and its reports are written (<paramref name="htmlReport"/>, when one was).</summary>
    Task ReportsWrittenAsync(LiveRun run, RunResult result, string? htmlReport, CancellationToken cancellationToken);
}
