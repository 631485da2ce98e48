namespace WsLoad.Analysis.Failures;

/// <summary>
/// The thresholds and confidence rules of the pattern detectors, in one place so reports can quote them.
/// <list type="bullet">
/// <item><b>Elevated second</b>: value &gt; median + max(k·1.4826·MAD, floor) over the run's seconds (k = 3). For failure
/// counts the floor is 3·√max(median, 1) (Poisson-like noise), so with a zero baseline a second needs ≥ 4 failures.</item>
/// <item><b>Burst</b>: elevated seconds, gaps of ≤ 1 quiet second merged, ≥ 5 failures in all, in a run of ≥ 5
/// seconds. Confidence 0.5; +0.2 peak ≥ 2× threshold; +0.1 lasts ≥ 2 s; +0.1 a fault event precedes it; −0.3 the
/// generator was saturated in at least half its seconds (the failures may be the generator's own).</item>
/// <item><b>Sustained</b>: failures in ≥ 90% of the seconds and failures ≥ 1% of operations (connect attempts + sends).
/// Confidence 0.5 + 0.4·min(1, seconds/10).</item>
/// <item><b>Group</b>: a group's failure share ≥ 5× the pooled share of all other groups, ≥ 3 failing connections (or
/// ≥ 10 lost messages) and a share ≥ 1%. Confidence 0.6; +0.2 the others have no failure at all; +0.1 ≥ 10 failing;
/// −0.3 when the failure events were capped (the kept ones are the first, biased to early cohorts).</item>
/// <item><b>Sequence</b>: a burst of drops with ≥ 1 precursor (rtt p99, reply shortfall, server CPU, generator
/// saturation) elevated against the seconds before it, rising within 10 s before the drops and still elevated in the
/// last 2 s before them. Confidence 0.4; +0.15 per precursor (up to 3); +0.1 the first precursor leads by ≥ 2 s.</item>
/// <item><b>Cascade</b>: bursts of different failure kinds (and reconnect surges), each starting 1..10 s after the
/// previous link. Confidence 0.5; +0.15 per link beyond two; −0.1 per delay over 5 s; +0.1 a fault event precedes it.</item>
/// <item><b>Likely cause</b>: the latest fault event (not a recovery: kinds ending in -cleared, -removed, -failed,
/// -restored, or reconnected/recovered; not a Run event) starting from 10 s before a pattern to the end of its first second.</item>
/// </list>
/// Every confidence is clamped to [0.05, 0.95]: no rule here proves or rules out a pattern on its own.
/// </summary>
public static class FailurePatternRules
{
    public const double K = 3;
    public const int MinBaselineSeconds = 5;
    public const int MaxGapSeconds = 1;
    public const double MinBurstFailures = 5;
    public const double SustainedSecondsShare = 0.9;
    public const double SustainedOperationsShare = 0.01;
    public const double GroupShareRatio = 5;
    public const int MinGroupFailingConnections = 3;
    public const int MinGroupLostMessages = 10;
    public const double MinGroupShare = 0.01;
    public const int PrecursorWindowSeconds = 10;
    public const int CascadeWindowSeconds = 10;
    public const double CauseWindowSeconds = 10;
    public const double MinConfidence = 0.05;
    public const double MaxConfidence = 0.95;

    /// <summary>The failure-count floor of the elevated-second threshold: 3·√max(median, 1).</summary>
    internal static double CountFloor(double median) => K * Math.Sqrt(Math.Max(median, 1));
}
