using WsLoad.Analysis.Facts;
using WsLoad.Analysis.Failures;
using WsLoad.Results;

namespace WsLoad.Analysis.RootCauses;

/// <summary>
/// The facts of one run the root-cause rules share: the trouble's onset, server CPU against the cores, latency spikes,
/// failures by kind. Computed once from the run and its failure analysis; read-only after.
/// </summary>
internal sealed class RootCauseContext
{
    public RootCauseContext(RunResult run, FailureAnalysisResult failures)
    {
        Run = run;
        Failures = failures;
        Timeline = FailureTimeline.Of(run);
        Cores = ServerCpuSaturation.Cores(run.Environment);
        FailuresByKind = failures.Taxonomy
            .Where(k => k.Unit == TaxonomyUnits.Failures)
            .ToDictionary(k => k.Kind, k => k.Count);
        TotalFailures = FailuresByKind.Values.Sum();
        // Messages lost in flight when a connection dropped are the drop's consequence, not failures of their own.
        PrimaryFailures = FailuresByKind.Where(p => p.Key != FailureKind.Loss).Sum(p => p.Value);
        FirstFailingIndex = FirstIndex(i => Timeline.Totals[i] > 0);
        LatencySpikes = LatencySpike.Find(run.Series);
        var firstSpike = LatencySpikes.Count > 0 ? LatencySpikes[0] : (int?)null;
        LatencyKneeIndex = LatencyKnee.Find(run.Series).Index;
        int?[] onsets = [FirstFailingIndex, firstSpike, LatencyKneeIndex];
        OnsetIndex = onsets.Where(i => i is not null).Min();
        (TroubleSeconds, SaturatedSecondsDuringTrouble, SaturatedByServer) = TroubleSpan();
    }

    public RunResult Run { get; }

    public FailureAnalysisResult Failures { get; }

    public FailureTimeline Timeline { get; }

    public IReadOnlyList<IntervalSample> Series => Run.Series;

    /// <summary>The generator machine's cores; null when unknown (server CPU cannot be judged against cores then).</summary>
    public int? Cores { get; }

    /// <summary>Failures (unit: failures) by kind, from the taxonomy.</summary>
    public IReadOnlyDictionary<FailureKind, long> FailuresByKind { get; }

    public long TotalFailures { get; }

    /// <summary>Failures other than lost messages (the shares of the rules are taken of these).</summary>
    public long PrimaryFailures { get; }

    /// <summary>The first second with a failure in the series; null when none.</summary>
    public int? FirstFailingIndex { get; }

    /// <summary>Seconds whose rtt p99 spiked (<see cref="LatencySpike"/>), in order.</summary>
    public IReadOnlyList<int> LatencySpikes { get; }

    /// <summary>The first second of a lasting latency climb (<see cref="LatencyKnee"/>); null when latency stayed level.</summary>
    public int? LatencyKneeIndex { get; }

    /// <summary>The first second with a failure, a latency spike or the latency knee: where the trouble began; null for a clean run.</summary>
    public int? OnsetIndex { get; }

    public bool HasTrouble => OnsetIndex is not null || TotalFailures > 0;

    /// <summary>The end of interval <paramref name="index"/>, seconds since the start (how evidence names a second).</summary>
    public double At(int index) => Series[index].AtSeconds;

    public double? OnsetSeconds => OnsetIndex is int i ? At(i) : null;

    public long Count(params FailureKind[] kinds) => kinds.Sum(k => FailuresByKind.GetValueOrDefault(k));

    /// <summary>Server CPU of second <paramref name="index"/> as a share of all cores; null when not sampled or cores unknown.</summary>
    public double? ServerCpuShare(int index) => ServerCpuSaturation.Share(Series[index], Cores);

    public bool ServerCpuSampled => Cores is not null && Series.Any(s => s.Server is not null);

    /// <summary>The first second whose server CPU saturated (<see cref="ServerCpuSaturation"/>); null when none or not sampled.</summary>
    public int? FirstServerCpuSaturated() => ServerCpuSaturation.FirstIndex(Series, Cores);

    /// <summary>The highest server CPU share of seconds first..last (inclusive); null when none sampled.</summary>
    public double? MaxServerCpuShare(int first, int last) =>
        Enumerable.Range(first, Math.Max(0, last - first + 1)).Select(ServerCpuShare).Where(v => v is not null).Max();

    /// <summary>The generator's saturated stretches that overlap the trouble (from its onset − alignment to the end of the run).</summary>
    public IReadOnlyList<SaturationPeriod> SaturationDuringTrouble()
    {
        if (Run.GeneratorHealth is not { Saturated: true } health || OnsetSeconds is not double onset)
        {
            return [];
        }

        return [.. health.Periods.Where(p => p.ToSeconds >= onset - RootCauseRules.AlignmentSeconds)];
    }

    /// <summary>
    /// How long the trouble lasted, seconds: from the start of its onset second to the end of the last second with a
    /// failure or a latency spike (to the run's end after a latency knee, which lasts); at least 1. 0 without trouble.
    /// </summary>
    public double TroubleSeconds { get; }

    /// <summary>
    /// The seconds of <see cref="SaturationDuringTrouble"/> from the trouble's onset − alignment to its end, less those of
    /// <see cref="SaturatedByServer"/>: how long the generator's own work or other processes held it up.
    /// </summary>
    public double SaturatedSecondsDuringTrouble { get; }

    /// <summary>
    /// The seconds (indexes) of that stretch whose saturation was the server's CPU on the shared machine
    /// (<see cref="MachineCpuUse.SaturatedByServer"/>): held against the generator's figures, not against the server.
    /// </summary>
    public IReadOnlyList<int> SaturatedByServer { get; }

    /// <summary>Whether the generator's saturation around the trouble was all the server's CPU (<see cref="SaturatedByServer"/>).</summary>
    public bool SaturationWasServers => SaturatedByServer.Count > 0 && SaturatedSecondsDuringTrouble <= 0;

    /// <summary>Whose CPU kept the machine busy in <paramref name="seconds"/>, on average; null when not sampled.</summary>
    public MachineCpuUse? MachineCpu(IEnumerable<int> seconds) => MachineCpuUse.Of(seconds.Select(i => Series[i]), Cores);

    /// <summary>The seconds of the series that fall in the saturated stretches overlapping the trouble.</summary>
    public IEnumerable<int> SecondsOf(IReadOnlyList<SaturationPeriod> periods) =>
        Enumerable.Range(0, Series.Count).Where(i => periods.Any(p => Start(i) < p.ToSeconds && At(i) > p.FromSeconds));

    /// <summary>Whether the generator was saturated for too little of the trouble to explain it (<see cref="RootCauseRules.GeneratorSaturationMinShare"/>).</summary>
    public bool SaturationTooShortForTrouble => SaturatedSecondsDuringTrouble < RootCauseRules.GeneratorSaturationMinShare * TroubleSeconds;

    /// <summary>The most a WsLoad server paused for GC in one of seconds first..last (inclusive); null when not sampled.</summary>
    public double? MaxServerGcPauseMs(int first, int last) =>
        Enumerable.Range(first, Math.Max(0, last - first + 1)).Select(i => Series[i].Server?.GcPauseMs).Max();

    /// <summary>Indexes of the seconds with failures.</summary>
    public IEnumerable<int> FailingIndexes() => Enumerable.Range(0, Series.Count).Where(i => Timeline.Totals[i] > 0);

    private (double Trouble, double Saturated, IReadOnlyList<int> ByServer) TroubleSpan()
    {
        if (OnsetIndex is not int onset)
        {
            return (0, 0, []);
        }

        int[] lasts = [FailingIndexes().DefaultIfEmpty(onset).Max(), LatencySpikes.Count > 0 ? LatencySpikes[^1] : onset, LatencyKneeIndex is not null ? Series.Count - 1 : onset];
        var start = onset == 0 ? 0 : At(onset - 1);
        var trouble = Math.Max(1, At(lasts.Max()) - start);
        var (from, to) = (start - RootCauseRules.AlignmentSeconds, start + trouble);
        var periods = SaturationDuringTrouble();
        var saturated = periods.Sum(p => Overlap(p.FromSeconds, p.ToSeconds, from, to));
        var byServer = SecondsOf(periods).Where(i => MachineCpuUse.SaturatedByServer(Series[i], Cores)).ToList();
        var held = byServer.Sum(i => Overlap(Start(i), At(i), from, to));
        return (trouble, Math.Max(0, saturated - held), byServer);
    }

    private static double Overlap(double from, double to, double windowFrom, double windowTo) =>
        Math.Max(0, Math.Min(to, windowTo) - Math.Max(from, windowFrom));

    private double Start(int index) => index == 0 ? 0 : At(index - 1);

    private int? FirstIndex(Func<int, bool> predicate)
    {
        for (var i = 0; i < Series.Count; i++)
        {
            if (predicate(i))
            {
                return i;
            }
        }

        return null;
    }
}
