using System.Reflection;
using WsLoad.Resources;
using WsLoad.Results;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Acceptance;

/// <summary>The schema keeps up with what the engine can write: every saturation kind and event source validates.</summary>
public sealed class RunJsonSchemaTests
{
    [Fact]
    public void Every_saturation_kind_and_event_source_the_engine_writes_is_valid()
    {
        var kinds = typeof(SaturationRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.Contains("thread-pool-delay", kinds);
        var result = SampleRuns.Result() with
        {
            Environment = new RunEnvironment { MachineName = "m", Os = "Linux", Runtime = ".NET 10", ProcessorCount = 2, TotalMemoryBytes = 1 << 30, CommandLine = "wsload run" },
            Series =
            [
                new IntervalSample
                {
                    AtSeconds = 1,
                    Phase = "hold",
                    Generator = new GeneratorSample { Saturated = true, SaturationReasons = [.. kinds.Select(k => $"{k}: figures")], ThreadPoolDelayMs = 150 },
                },
            ],
            GeneratorHealth = new GeneratorHealth { Saturated = true, SaturatedIntervals = 1, Periods = [new SaturationPeriod { FromSeconds = 0, ToSeconds = 1, Reasons = kinds }] },
            Events = [.. Enum.GetValues<RunEventSource>().Select(s => new RunEvent { AtSeconds = 1, Source = s, Kind = "fault-plan-set", Description = "x", Count = 1, DurationSeconds = 2 })],
        };

        Assert.Empty(RunJsonSchema.Validate(RunResultJson.Serialize(result)));
    }
}
