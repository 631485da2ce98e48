using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using WsLoad.Metrics;
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

    [Fact]
    public void A_recovery_with_a_service_recovery_per_burst_is_valid_and_a_wrong_one_is_not()
    {
        var back = new ServiceRecoverySummary { FaultAtSeconds = 3.2, BaselineIntervals = 2, BaselineThroughputPerSec = 500, BaselineRttP99Ms = 1.2, BackAtSeconds = 5, SecondsToRecover = 1.8 };
        var notBack = back with { FaultAtSeconds = 6.6, BackAtSeconds = null, SecondsToRecover = null };
        var sample = SampleRuns.Result();
        var result = sample with
        {
            Environment = new RunEnvironment { MachineName = "m", Os = "Linux", Runtime = ".NET 10", ProcessorCount = 2, TotalMemoryBytes = 1 << 30, CommandLine = "wsload run" },
            Summary = sample.Summary with { Recovery = new RecoverySummary { Policy = "immediate", Drops = 20, Service = back, ServiceAfterEachBurst = [back, notBack] } },
        };

        Assert.Empty(RunJsonSchema.Validate(RunResultJson.Serialize(result)));

        // The schema does check the entries: a negative fault time is refused.
        var wrong = result with { Summary = result.Summary with { Recovery = result.Summary.Recovery! with { ServiceAfterEachBurst = [back with { FaultAtSeconds = -1 }] } } };
        Assert.NotEmpty(RunJsonSchema.Validate(RunResultJson.Serialize(wrong)));
    }

    [Fact]
    public void The_failure_logs_first_failures_and_sample_are_valid_failure_events_and_a_broken_sample_is_not()
    {
        var log = new FailureLog(detailLimit: 3, sampleLimit: 2, new Random(5));
        for (var i = 0; i < 20; i++)
        {
            log.Record(i % 2 == 0 ? "close-1011" : "connect-refused", i / 10.0, i, $"failure {i}");
        }

        // RunResult has no failureSamples yet (the engine's result fold will write it): added to run.json as written.
        var result = SampleRuns.Result() with
        {
            Environment = new RunEnvironment { MachineName = "m", Os = "Linux", Runtime = ".NET 10", ProcessorCount = 2, TotalMemoryBytes = 1 << 30, CommandLine = "wsload run" },
            FailureEvents = log.Details(),
            FailureEventsDropped = log.Undetailed,
        };
        var json = JsonNode.Parse(RunResultJson.Serialize(result))!;
        json["failureSamples"] = JsonSerializer.SerializeToNode(log.Samples(), RunResultJson.Options);
        Assert.Equal(2, json["failureSamples"]!.AsArray().Count);
        Assert.Empty(RunJsonSchema.Validate(json.ToJsonString()));

        json["failureSamples"]![0]!.AsObject().Remove("class");
        Assert.NotEmpty(RunJsonSchema.Validate(json.ToJsonString()));
    }
}
