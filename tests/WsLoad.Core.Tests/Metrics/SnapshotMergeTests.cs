using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Metrics;

public class SnapshotMergeTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    /// <summary>
    /// The property every distributed run rests on: the same connections measured by 1 to 8 processes, each interval's
    /// snapshots merged, fold to the very same result as one process measuring them all.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_run_split_among_processes_and_merged_back_folds_to_the_same_result(int seed)
    {
        var random = new Random(seed * 7919);
        var run = SyntheticRun.Generate(seed, connectionCount: random.Next(1, 250));
        var parts = random.Next(1, 9);
        var owner = run.Connections.ToDictionary(c => c.Id, _ => random.Next(parts)); // some parts may hold nothing
        var whole = new RunResultBuilder(Scenario);
        var split = new RunResultBuilder(Scenario);
        for (var index = 0; index < SyntheticRun.IntervalCount; index++)
        {
            whole.Add(SyntheticRun.Snapshot(index, run.Connections, "p"));
            var snapshots = Enumerable.Range(0, parts)
                .Select(part => SyntheticRun.Snapshot(index, [.. run.Connections.Where(c => owner[c.Id] == part)], "p"))
                .ToList();
            split.Add(IntervalSnapshotMerge.Merge(snapshots));
        }

        var expected = RunResultJson.Serialize(whole.Build(Frame, [Final]));
        var actual = RunResultJson.Serialize(split.Build(Frame, [Final]));
        Assert.Equal(expected, actual);
        Assert.Contains("\"hold\"", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Peak_is_the_peak_of_the_summed_open_count_never_the_sum_of_the_peaks()
    {
        // Process a is full in the first second, b in the second: never more than 10 open at once.
        var builder = new RunResultBuilder(Scenario);
        builder.Add(IntervalSnapshotMerge.Merge([Open(0, "a", 10), Open(0, "b", 0)]));
        builder.Add(IntervalSnapshotMerge.Merge([Open(1, "a", 0), Open(1, "b", 10)]));

        Assert.Equal(10, builder.Build(Frame, [Final]).Summary.Connections.Peak);
    }

    [Fact]
    public void Counts_and_histograms_add_and_each_process_keeps_its_own_health()
    {
        var a = Open(3, "a", 4) with
        {
            Counters = new SnapshotCounters { Sent = 5, Received = 4, Errors = 1 },
            Histograms = new Dictionary<string, HistogramCounts> { [HistogramNames.Rtt] = HistogramCounts.From(HistogramCountsTests.Histogram([100, 200])) },
            ErrorsByClass = new Dictionary<string, long> { ["send-failed"] = 1 },
            DropTimes = [3.7],
            Failures = [.. Enumerable.Range(0, 8).Select(i => new FailureEvent { AtSeconds = 3 + (i / 10.0), Class = "send-failed", ConnectionId = i })],
        };
        var b = Open(3, "b", 6) with
        {
            StartSeconds = 2.9,
            EndSeconds = 4.1,
            Counters = new SnapshotCounters { Sent = 7, Received = 7 },
            Histograms = new Dictionary<string, HistogramCounts> { [HistogramNames.Rtt] = HistogramCounts.From(HistogramCountsTests.Histogram([300])) },
            ErrorsByClass = new Dictionary<string, long> { ["send-failed"] = 2, ["connect-refused"] = 1 },
            DropTimes = [3.2],
            Failures = [.. Enumerable.Range(0, 8).Select(i => new FailureEvent { AtSeconds = 3.05 + (i / 10.0), Class = "connect-refused", ConnectionId = 100 + i })],
        };

        var merged = IntervalSnapshotMerge.Merge([a, b]);

        Assert.Equal(new SnapshotCounters { Sent = 12, Received = 11, Errors = 1 }, merged.Counters);
        Assert.Equal(10, merged.OpenConnections);
        Assert.Equal(HistogramCounts.From(HistogramCountsTests.Histogram([100, 200, 300])), merged.Histogram(HistogramNames.Rtt));
        Assert.Equal(new Dictionary<string, long> { ["connect-refused"] = 1, ["send-failed"] = 3 }, merged.ErrorsByClass);
        Assert.Equal([3.2, 3.7], merged.DropTimes);
        Assert.Equal([0, 100, 1, 101, 2, 102, 3, 103, 4, 104], merged.Failures.Select(f => f.ConnectionId)); // the earliest 10 of both
        Assert.Equal((2.9, 4.1), (merged.StartSeconds, merged.EndSeconds));
        Assert.Equal(["a", "b"], merged.Processes.Select(p => p.Process));
        Assert.Equal([10.0, 20.0], merged.Processes.Select(p => p.Generator!.CpuPercent));
    }

    [Fact]
    public void Each_process_keeps_its_own_counts_and_open_connections_through_the_merge_and_the_wire()
    {
        var a = Open(3, "a", 4) with { Counters = new SnapshotCounters { Sent = 5, Received = 4 } };
        var b = Open(3, "b", 6) with { Counters = new SnapshotCounters { Sent = 7, Received = 7 } };
        a = a with { Processes = [a.Processes[0] with { OpenConnections = 4, Counters = a.Counters }] };
        b = b with { Processes = [b.Processes[0] with { OpenConnections = 6, Counters = b.Counters }] };

        var merged = IntervalSnapshotJson.Deserialize(IntervalSnapshotJson.Serialize(IntervalSnapshotMerge.Merge([a, b])));

        Assert.Equal([4L, 6L], merged.Processes.Select(p => p.OpenConnections));
        Assert.Equal([5L, 7L], merged.Processes.Select(p => p.Counters.Sent));
        Assert.Equal(merged.Counters.Received, merged.Processes.Sum(p => p.Counters.Received));
    }

    [Fact]
    public void Snapshots_of_different_intervals_do_not_merge() =>
        Assert.Throws<ArgumentException>(() => IntervalSnapshotMerge.Merge([Open(1, "a", 1), Open(2, "b", 1)]));

    [Fact]
    public void The_fold_takes_intervals_in_order_only()
    {
        var builder = new RunResultBuilder(Scenario);
        builder.Add(Open(0, "a", 1));

        Assert.Throws<ArgumentException>(() => builder.Add(Open(2, "a", 1)));
    }

    [Fact]
    public void A_snapshot_round_trips_through_its_wire_form()
    {
        var run = SyntheticRun.Generate(seed: 3, connectionCount: 120);
        for (var index = 0; index < SyntheticRun.IntervalCount; index++)
        {
            var snapshot = SyntheticRun.Snapshot(index, run.Connections, "worker-1");
            var json = IntervalSnapshotJson.Serialize(snapshot);
            var back = IntervalSnapshotJson.Deserialize(json);

            Assert.Equal(json, IntervalSnapshotJson.Serialize(back));
            Assert.Equal(snapshot.Histogram(HistogramNames.Response), back.Histogram(HistogramNames.Response));
            Assert.Equal(snapshot.Counters, back.Counters);
            Assert.Equal(snapshot.Phase, back.Phase);
        }
    }

    private static IntervalSnapshot Open(int index, string process, long open) => new()
    {
        Index = index,
        StartSeconds = index,
        EndSeconds = index + 1,
        OpenConnections = open,
        TargetConnections = (int)open,
        Processes = [new ProcessHealth { Process = process, Generator = new GeneratorSample { CpuPercent = process == "a" ? 10 : 20 } }],
    };

    private static Scenario Scenario { get; } = new()
    {
        Name = "synthetic",
        Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/ws") },
        Messages = new MessageOptions { Types = [new MessageType { Name = "chat" }, new MessageType { Name = "blob", Format = PayloadFormat.Binary }] },
        Thresholds = ["rtt.p99 < 100ms", "messages.lost == 0"],
    };

    private static RunFrame Frame { get; } = new()
    {
        ToolVersion = "0.1.0",
        Scenario = Scenario,
        Environment = new RunEnvironment { MachineName = "m", Os = "Linux", Runtime = ".NET 10", ProcessorCount = 2 },
        StartedAt = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero),
        RampUpEndSeconds = 3,
        HoldEndSeconds = 8,
        DurationSeconds = 12,
    };

    private static ProcessFinalRecord Final { get; } = new()
    {
        Unanswered = 3,
        Recovery = new RecoverySummary { Policy = "immediate", Drops = 4 },
        FirstAttemptSeconds = 0.01,
        LastEstablishedSeconds = 2.9,
    };
}
