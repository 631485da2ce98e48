using WsLoad.Scenarios;

namespace WsLoad.Planning;

/// <summary>
/// The send rate in effect at a time of the run: a pure function of the message options, the time since the run
/// start and the number of open connections. Immutable, so safe to share across threads.
/// </summary>
/// <remarks>
/// The base per-connection rate is <see cref="MessageOptions.RatePerSecond"/>, or, when
/// <see cref="MessageOptions.TotalRatePerSecond"/> is set, the total spread evenly over the open connections. A process
/// that runs an <see cref="ExecutionSegment"/> spreads only its share of the total (see the segment for the rule).
/// It is multiplied by the multiplier of the burst active at that time; a burst is active in [At, At + Duration).
/// When bursts overlap the largest multiplier applies (they do not compound), so overlapping a burst with a
/// milder one never lowers the peak the scenario asked for.
/// </remarks>
internal sealed class MessagePlan
{
    private readonly double ratePerConnection;
    private readonly double? totalRate;
    private readonly BurstPhase[] bursts;

    /// <summary>The plan of a whole run.</summary>
    public MessagePlan(MessageOptions options)
        : this(options, Rational.One)
    {
    }

    /// <summary>The plan of a process that sends <paramref name="totalRateShare"/> of the total rate (<see cref="ConnectionPlan.TotalRateShare"/>).</summary>
    public MessagePlan(MessageOptions options, Rational totalRateShare)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(totalRateShare, Rational.One);
        ratePerConnection = CheckRate(options.RatePerSecond, "RatePerSecond");
        totalRate = options.TotalRatePerSecond is { } total ? Share(CheckRate(total, "TotalRatePerSecond"), totalRateShare) : null;
        bursts = [.. options.Bursts];
        foreach (var burst in bursts)
        {
            CheckRate(burst.Multiplier, "Bursts.Multiplier");
        }
    }

    /// <summary>The multiplier at <paramref name="time"/>: the largest of the active bursts, 1 when none is active.</summary>
    public double BurstMultiplierAt(TimeSpan time)
    {
        double? largest = null;
        foreach (var burst in bursts)
        {
            if (time >= burst.At && time - burst.At < burst.Duration)
            {
                largest = Math.Max(largest ?? burst.Multiplier, burst.Multiplier);
            }
        }

        return largest ?? 1;
    }

    /// <summary>Messages per second each connection sends at <paramref name="time"/>; 0 when nothing is to be sent.</summary>
    public double RatePerConnectionAt(TimeSpan time, int openConnections)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(openConnections);
        var baseRate = totalRate is { } total
            ? openConnections == 0 ? 0 : total / openConnections
            : ratePerConnection;
        return baseRate * BurstMultiplierAt(time);
    }

    /// <summary>
    /// The time between two sends of one connection at <paramref name="time"/> (at least one tick), or null when the
    /// rate is zero: idle connections, a zero total rate, no open connections under a total rate, or a zero multiplier.
    /// </summary>
    public TimeSpan? SendIntervalAt(TimeSpan time, int openConnections)
    {
        var rate = RatePerConnectionAt(time, openConnections);
        if (rate <= 0)
        {
            return null;
        }

        var ticks = Math.Round(TimeSpan.TicksPerSecond / rate);
        return ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks(Math.Max(1, (long)ticks));
    }

    /// <summary>The share of a rate; the whole share, 1/1, gives the rate exactly, so a whole run sends what it did.</summary>
    private static double Share(double rate, Rational share) => rate * share.Numerator / share.Denominator;

    private static double CheckRate(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "must be a finite number, zero or more");
}
