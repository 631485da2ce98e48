namespace WsLoad.Analysis.Failures;

/// <summary>The shapes of failure the analysis looks for; <see cref="FailurePatternRules"/> says how each is found and scored.</summary>
public enum FailurePatternKind
{
    /// <summary>Consecutive seconds with failures far above the run's per-second baseline.</summary>
    Burst,

    /// <summary>Failures in (nearly) every second of the run, at a rate that matters: the baseline itself is failing.</summary>
    Sustained,

    /// <summary>One group (ramp cohort, source address, message type) failing far more than the others.</summary>
    Group,

    /// <summary>Signals that rose in the seconds before a burst of drops (e.g. rtt p99 → replies missing → drops).</summary>
    Sequence,

    /// <summary>A rise of one failure kind followed within a window by rises of others, as a chain with delays.</summary>
    Cascade,
}
