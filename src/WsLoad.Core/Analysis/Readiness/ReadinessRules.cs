namespace WsLoad.Analysis.Readiness;

/// <summary>
/// The documented defaults and rules of the production-readiness verdict. A scenario threshold on the same metric
/// replaces a default target. Each check judges the phase that threshold would (<see cref="Thresholds.ThresholdPhases"/>):
/// latency and throughput on the hold, the steady state (the whole run when the hold has no data), connects, errors and
/// availability on the whole run; its target says which. Decision (see <see cref="ReadinessJudge"/>):
/// <list type="bullet">
/// <item>INCONCLUSIVE when the generator was saturated, the run was interrupted or aborted, the hold was shorter than
/// <see cref="MinHoldSeconds"/>, or fewer than <see cref="MinRoundTrips"/> round trips were measured while messages were sent —
/// unless a check failed that is clearly not the generator's doing: the server's own CPU, or failures (availability,
/// error rate, connect success, failure-count thresholds) mostly signalled by the server itself (upgrades refused, close
/// frames 1001/1008/1009/1011/1013/other, protocol or integrity errors). A failure seen is a failure: that is NO-GO.
/// Latency and throughput failures under a saturated generator stay INCONCLUSIVE: the generator may have caused them.</item>
/// <item>NO-GO when any other judged check (thresholds included) failed.</item>
/// <item>GO otherwise; each Marginal check lowers the confidence and is listed as a risk.</item>
/// </list>
/// </summary>
public static class ReadinessRules
{
    /// <summary>Rate-driven runs must sustain this share of the planned message rate (replies per second over the hold).</summary>
    public const double MinThroughputShare = 0.98;

    /// <summary>Default broadcast reach target, % of due deliveries (three nines).</summary>
    public const double MinFanoutReachPercent = 99.9;

    /// <summary>Default availability target, % (three nines).</summary>
    public const double MinAvailabilityPercent = 99.9;

    /// <summary>Default error-rate ceiling, % of connects and messages.</summary>
    public const double MaxErrorRatePercent = 0.1;

    /// <summary>Default connect-success target, %.</summary>
    public const double MinConnectSuccessPercent = 99.9;

    /// <summary>The server's peak CPU must stay below this share of all cores: room for a spike or a lost core.</summary>
    public const double MaxServerCpuShare = 0.80;

    /// <summary>The machine's memory in use must stay below this share of its total.</summary>
    public const double MaxMemoryShare = 0.90;

    /// <summary>A check held with less than this relative margin is Marginal (0.2: within 20% of its target).</summary>
    public const double MarginalBand = 0.2;

    /// <summary>Throughput's target already allows 2% slack, so it is Marginal only within 1% above it.</summary>
    public const double ThroughputMarginalBand = 0.01;

    /// <summary>A hold shorter than this (seconds) cannot show a steady state.</summary>
    public const double MinHoldSeconds = 10;

    /// <summary>Fewer round trips than this make percentiles meaningless (p99 of 100 is the second-worst sample).</summary>
    public const long MinRoundTrips = 100;

    /// <summary>Failures mostly (this share) signalled by the server make a failed check the server's doing.</summary>
    public const double ServerSignalledShare = 0.5;

    /// <summary>Confidence of a GO with every check passed with margin; each Marginal check takes <see cref="MarginalPenalty"/>.</summary>
    public const double GoConfidence = 0.9;

    public const double MarginalPenalty = 0.1;

    /// <summary>What a standard check not judged (no data) or a significant adverse trend takes off a GO.</summary>
    public const double UnjudgedPenalty = 0.05;

    public const double MinGoConfidence = 0.5;

    /// <summary>NO-GO with a check missed by at least <see cref="MarginalBand"/>; <see cref="NoGoNarrowConfidence"/> when missed narrowly.</summary>
    public const double NoGoClearConfidence = 0.9;

    public const double NoGoNarrowConfidence = 0.75;

    /// <summary>What an inconclusive condition takes off a NO-GO that stands despite it.</summary>
    public const double NoGoDespiteInconclusivePenalty = 0.15;

    public const double InconclusiveConfidence = 0.8;
}
