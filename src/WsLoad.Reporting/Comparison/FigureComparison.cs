namespace WsLoad.Reporting.Comparison;

/// <summary>
/// One figure of two runs side by side. A change is flagged only when it exceeds the relative threshold AND the
/// two runs' confidence intervals (where the figure has one) do not overlap, and is at least <see cref="MinimumChange"/>;
/// without intervals the thresholds alone decide.
/// </summary>
internal sealed record FigureComparison
{
    public required string Name { get; init; }

    /// <summary>The unit shown after values, e.g. <c>ms</c>; empty for plain counts.</summary>
    public required string Unit { get; init; }

    public required Better Better { get; init; }

    public double? Base { get; init; }

    public double? New { get; init; }

    /// <summary>Where the base value's true value lies (95%), from its sample count; null when the figure has no count-based interval.</summary>
    public Interval? BaseInterval { get; init; }

    public Interval? NewInterval { get; init; }

    /// <summary>The relative change that counts, e.g. 0.1 for 10%.</summary>
    public required double Threshold { get; init; }

    /// <summary>The smallest absolute change that counts (e.g. 1 ms for latencies); 0 for none.</summary>
    public double MinimumChange { get; init; }

    public double? AbsoluteChange => Base is { } b && New is { } n ? n - b : null;

    /// <summary>(new − base) / |base|; null when either is missing or the base is 0 (see <see cref="ExceedsThreshold"/>).</summary>
    public double? RelativeChange => AbsoluteChange is { } change && Base is { } b && b != 0 ? change / Math.Abs(b) : null;

    /// <summary>From a base of 0 any change exceeds a relative threshold.</summary>
    public bool ExceedsThreshold => AbsoluteChange is { } change && change != 0 && Math.Abs(change) >= MinimumChange
        && (RelativeChange is not { } relative || Math.Abs(relative) > Threshold);

    /// <summary>Both intervals known and overlapping: the counts cannot tell the runs apart.</summary>
    public bool WithinIntervals => BaseInterval is { } b && NewInterval is { } n && b.Overlaps(n);

    public ChangeVerdict Verdict
    {
        get
        {
            if (AbsoluteChange is not { } change)
            {
                return ChangeVerdict.NotComparable;
            }

            if (!ExceedsThreshold || WithinIntervals)
            {
                return ChangeVerdict.WithinNoise;
            }

            var worse = Better == Better.Lower ? change > 0 : change < 0;
            return worse ? ChangeVerdict.Regression : ChangeVerdict.Improvement;
        }
    }
}
