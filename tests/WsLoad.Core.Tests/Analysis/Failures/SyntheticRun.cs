using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Analysis.Failures;

/// <summary>Builds RunResults in code, one second at a time, for the failure analysis tests.</summary>
internal sealed class SyntheticRun
{
    private readonly List<IntervalSample> _series = [];
    private readonly List<RunEvent> _events = [];
    private readonly List<FailureEvent> _failureEvents = [];

    public Scenario Scenario { get; set; } = new() { Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/") } };

    public Dictionary<string, MessageTypeSummary> MessageTypes { get; } = [];

    public long FailureEventsDropped { get; set; }

    /// <summary>Adds <paramref name="seconds"/> seconds, each shaped by <paramref name="shape"/> (given the second's index).</summary>
    public SyntheticRun Seconds(int seconds, Func<int, IntervalSample, IntervalSample>? shape = null)
    {
        for (var s = 0; s < seconds; s++)
        {
            var index = _series.Count;
            var sample = new IntervalSample { AtSeconds = index + 1, Phase = "hold", TargetConnections = 100, OpenConnections = 100, Sent = 1000, Received = 1000, RttP99 = 10 };
            _series.Add(shape is null ? sample : shape(index, sample));
        }

        return this;
    }

    /// <summary>Seconds with no failure and the given noise (failures of <paramref name="noiseClass"/> per second, by index).</summary>
    public SyntheticRun Quiet(int seconds, Func<int, long>? noise = null, string noiseClass = "close-1006-reset") =>
        Seconds(seconds, (i, s) => WithErrors(s, noise is null ? [] : new() { [noiseClass] = noise(i) }));

    public SyntheticRun Event(double at, string kind, RunEventSource source = RunEventSource.Server)
    {
        _events.Add(new RunEvent { AtSeconds = at, Kind = kind, Source = source, Description = kind });
        return this;
    }

    public SyntheticRun Failure(double at, string failureClass, int connectionId)
    {
        _failureEvents.Add(new FailureEvent { AtSeconds = at, Class = failureClass, ConnectionId = connectionId });
        return this;
    }

    public static IntervalSample WithErrors(IntervalSample sample, Dictionary<string, long> byClass) =>
        sample with
        {
            ErrorsByClass = byClass.Values.Sum() == 0 ? null : byClass.Where(p => p.Value > 0).ToDictionary(),
            Errors = byClass.Values.Sum(),
            Dropped = byClass.Where(p => p.Key.StartsWith("close-", StringComparison.Ordinal)).Sum(p => p.Value),
        };

    public RunResult Build()
    {
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (failureClass, count) in _series.SelectMany(s => s.ErrorsByClass ?? new Dictionary<string, long>()))
        {
            totals[failureClass] = totals.GetValueOrDefault(failureClass) + count;
        }

        return new RunResult
        {
            Scenario = Scenario,
            Environment = new RunEnvironment(),
            DurationSeconds = _series.Count,
            Summary = new RunSummary
            {
                Connections = new ConnectionSummary(),
                Messages = new MessageSummary { Sent = _series.Sum(s => s.Sent), Received = _series.Sum(s => s.Received) },
                LatencyMs = new LatencySummaries(),
            },
            Series = [.. _series],
            ErrorsByClass = totals,
            Events = [.. _events],
            FailureEvents = [.. _failureEvents],
            FailureEventsDropped = FailureEventsDropped,
            MessageTypes = MessageTypes,
        };
    }
}
