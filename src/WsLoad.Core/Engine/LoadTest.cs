using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>The entry point: run a scenario and get the same <see cref="RunResult"/> that run.json holds.</summary>
public static class LoadTest
{
    /// <summary>
    /// Runs <paramref name="scenario"/> to completion. Cancelling <paramref name="cancellationToken"/> stops the
    /// run gracefully: connections are closed and the result has <see cref="RunStatus.Interrupted"/>.
    /// </summary>
    public static Task<RunResult> RunAsync(Scenario scenario, LoadTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        throw new NotImplementedException("the engine is being written in this change");
    }
}
