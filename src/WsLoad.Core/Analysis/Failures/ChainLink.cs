namespace WsLoad.Analysis.Failures;

/// <summary>
/// One link of a sequence or cascade: a signal that rose, when, and how long after the previous link.
/// <see cref="Signal"/> is a failure kind's name (<see cref="FailureKindNames"/>) or a derived signal of
/// <see cref="ChainSignals"/>.
/// </summary>
public sealed record ChainLink
{
    public required string Signal { get; init; }

    /// <summary>The failure kind, when the signal is one.</summary>
    public FailureKind? Kind { get; init; }

    /// <summary>The error class most counted in the link, when it is a failure kind (e.g. <c>upgrade-rejected-503</c>).</summary>
    public string? TopClass { get; init; }

    /// <summary>Start of the first elevated interval.</summary>
    public double StartSeconds { get; init; }

    public double EndSeconds { get; init; }

    /// <summary>Seconds from the previous link's start to this one's; 0 for the first.</summary>
    public double DelaySeconds { get; init; }

    /// <summary>The highest per-second value of the signal in the link (failures, ms, ratio... per <see cref="Unit"/>).</summary>
    public double Peak { get; init; }

    /// <summary>The signal's baseline (median over the run or over the seconds before).</summary>
    public double Baseline { get; init; }

    public string Unit { get; init; } = "";
}

/// <summary>Names of the derived (non-failure) signals used in chains.</summary>
public static class ChainSignals
{
    /// <summary>Round-trip p99 rose above its baseline.</summary>
    public const string RttP99Rise = "rtt-p99-rise";

    /// <summary>Replies fell behind sends: (sent − received) ÷ sent per second rose (message timeouts or loss building up).</summary>
    public const string ReplyShortfall = "reply-shortfall";

    /// <summary>The target server's CPU rose above its baseline.</summary>
    public const string ServerCpuRise = "server-cpu-rise";

    /// <summary>The generator was saturated.</summary>
    public const string GeneratorSaturated = "generator-saturated";

    /// <summary>Connect attempts beyond what the plan opened (connections re-opening after drops).</summary>
    public const string ReconnectSurge = "reconnect-surge";

    /// <summary>Connections dropped (closed without our asking): the end of a sequence.</summary>
    public const string Drops = "drops";
}
