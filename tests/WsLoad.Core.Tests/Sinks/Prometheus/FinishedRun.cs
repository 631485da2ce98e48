using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Sinks.Prometheus;

/// <summary>A run's result folded from no intervals, to end a sink with (its content does not matter to these sinks).</summary>
internal static class FinishedRun
{
    public static RunResult Of(Scenario scenario) => new RunResultBuilder(scenario).Build(
        new RunFrame
        {
            ToolVersion = "0.1.0",
            Scenario = scenario,
            Environment = new RunEnvironment { MachineName = "m", Os = "Linux", Runtime = ".NET 10", ProcessorCount = 2 },
            StartedAt = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero),
            DurationSeconds = 1,
        },
        [new ProcessFinalRecord()]);
}
