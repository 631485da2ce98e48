using System.Globalization;

namespace WsLoad.Planning;

/// <summary>
/// A cut of the whole run (0, 1] into consecutive <see cref="ExecutionSegment"/>s, written as its bounds, such as
/// <c>0,1/3,2/3,1</c>. The processes of one run agree on the sequence and each runs one of its <see cref="Segments"/>;
/// the sequence decides how the connections are dealt (<see cref="SegmentStripes"/>), so the segments' connections
/// never overlap and together make the whole plan. Immutable, so safe to share across threads.
/// </summary>
public sealed class ExecutionSegmentSequence : IEquatable<ExecutionSegmentSequence>
{
    /// <summary>
    /// The largest common denominator of the bounds: slots are dealt in cycles this long, and the dealing is computed
    /// once per sequence, one position at a time.
    /// </summary>
    public const int MaxCycle = 1_000_000;

    private readonly Rational[] bounds;
    private readonly Lazy<SegmentStripes> stripes;

    private ExecutionSegmentSequence(Rational[] bounds)
    {
        this.bounds = bounds;
        stripes = new(() => new SegmentStripes(PositionsPerCycle(bounds)));
        Segments = [.. Enumerable.Range(0, bounds.Length - 1).Select(index => new ExecutionSegment(this, index))];
    }

    /// <summary>The sequence of one segment, the whole run: <c>0,1</c>.</summary>
    public static ExecutionSegmentSequence Whole { get; } = new([Rational.Zero, Rational.One]);

    /// <summary>The segments, in order from 0 to 1.</summary>
    public IReadOnlyList<ExecutionSegment> Segments { get; }

    /// <summary>The sequence of <paramref name="parts"/> equal segments: 0, 1/parts, …, 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is below 1 or above <see cref="MaxCycle"/>.</exception>
    public static ExecutionSegmentSequence Even(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, MaxCycle);
        return new([.. Enumerable.Range(0, parts + 1).Select(i => new Rational(i, parts))]);
    }

    /// <summary>
    /// Reads bounds separated by commas, such as <c>0,1/3,2/3,1</c> or <c>0,25%,1</c>: each a fraction, a decimal or a
    /// percentage, from 0 to 1, increasing.
    /// </summary>
    /// <exception cref="FormatException">The text is not such a sequence; the message says what is wrong.</exception>
    public static ExecutionSegmentSequence Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        var bounds = new Rational[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            bounds[i] = ParseBound(parts[i], i, text);
        }

        return FromBounds(bounds, $"execution segment sequence '{text}'");
    }

    /// <summary>The sequence of the given bounds, checked as <see cref="Parse"/> checks them; errors start with <paramref name="where"/>.</summary>
    internal static ExecutionSegmentSequence FromBounds(IReadOnlyList<Rational> bounds, string where)
    {
        if (bounds.Count < 2)
        {
            throw new FormatException($"{where} needs at least two bounds, from 0 to 1, such as 0,1/2,1");
        }

        if (bounds[0] != Rational.Zero || bounds[^1] != Rational.One)
        {
            throw new FormatException($"{where} runs from {bounds[0]} to {bounds[^1]}; it must run from 0 to 1 to cover the whole run");
        }

        for (var i = 1; i < bounds.Count; i++)
        {
            if (bounds[i] <= bounds[i - 1])
            {
                throw new FormatException($"{where} has {bounds[i]} after {bounds[i - 1]}; bounds must increase, so that no segment is empty");
            }
        }

        var cycle = 1L;
        foreach (var bound in bounds)
        {
            // Both at most MaxCycle, so the product cannot overflow.
            cycle = bound.Denominator > MaxCycle ? bound.Denominator : Rational.Lcm(cycle, bound.Denominator);
            if (cycle > MaxCycle)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{where} has a common denominator above {MaxCycle:N0}; use simpler fractions"));
            }
        }

        return new ExecutionSegmentSequence([.. bounds]);
    }

    /// <summary>The bound before segment <paramref name="index"/> (its exclusive start); index + 1 gives its end.</summary>
    internal Rational Bound(int index) => bounds[index];

    internal SegmentStripes Stripes => stripes.Value;

    /// <summary>The bounds, comma-separated, as <see cref="Parse"/> reads them.</summary>
    public override string ToString() => string.Join(',', bounds);

    public bool Equals(ExecutionSegmentSequence? other) => other is not null && bounds.AsSpan().SequenceEqual(other.bounds);

    public override bool Equals(object? obj) => Equals(obj as ExecutionSegmentSequence);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var bound in bounds)
        {
            hash.Add(bound);
        }

        return hash.ToHashCode();
    }

    /// <summary>Each segment's length in positions of a cycle, the common denominator of the bounds.</summary>
    private static int[] PositionsPerCycle(Rational[] bounds)
    {
        var cycle = bounds.Aggregate(1L, (lcm, bound) => Rational.Lcm(lcm, bound.Denominator));
        var lengths = new int[bounds.Length - 1];
        for (var i = 0; i < lengths.Length; i++)
        {
            var length = bounds[i + 1] - bounds[i];
            lengths[i] = (int)(length.Numerator * (cycle / length.Denominator));
        }

        return lengths;
    }

    private static Rational ParseBound(string part, int index, string text)
    {
        try
        {
            return Rational.Parse(part);
        }
        catch (FormatException error)
        {
            throw new FormatException($"execution segment sequence '{text}', bound {index + 1}: {error.Message}", error);
        }
    }
}
