using HdrHistogram;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>
/// Counts drops, reconnects and message recovery, holds the reconnect-time histogram, gates concurrent reconnects and
/// draws the backoff jitter. Threading: every member is safe from any thread (counters are Interlocked, the histogram
/// and the random source are locked: reconnects are rare next to messages).
/// </summary>
internal sealed class RecoveryTracker : IDisposable
{
    private readonly LongHistogram _reconnectTimes = LatencyRecorder.NewHistogram();
    private readonly Lock _lock = new();
    private readonly Random _random;
    private readonly long _frequency;
    private long _drops;
    private long _attempts;
    private long _reconnects;
    private long _failures;
    private long _gaveUp;
    private long _inFlightAtDrops;
    private long _resent;
    private long _recovered;
    private long _unresendable;
    private long _firstDropTimestamp;

    public RecoveryTracker(ReconnectOptions reconnect, MessageRecovery messages, long timestampFrequency, int seed)
    {
        Reconnect = reconnect;
        MessageRecovery = messages;
        _frequency = timestampFrequency;
        _random = new Random(seed);
        Gate = new SemaphoreSlim(Math.Max(1, reconnect.MaxConcurrent));
    }

    public ReconnectOptions Reconnect { get; }

    public MessageRecovery MessageRecovery { get; }

    public bool Resends => MessageRecovery == MessageRecovery.Resend && Reconnect.Enabled;

    /// <summary>At most <see cref="ReconnectOptions.MaxConcurrent"/> reconnect attempts in progress.</summary>
    public SemaphoreSlim Gate { get; }

    public long Drops => Interlocked.Read(ref _drops);

    public long Attempts => Interlocked.Read(ref _attempts);

    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>The timestamp of the first drop of the run; 0 before any.</summary>
    public long FirstDropTimestamp => Interlocked.Read(ref _firstDropTimestamp);

    /// <summary>The wait before the given attempt, with jitter from this tracker's seeded source.</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        double draw;
        lock (_lock)
        {
            draw = _random.NextDouble();
        }

        return ReconnectBackoff.DelayBefore(Reconnect, attempt, draw);
    }

    public void Dropped(long timestamp, long inFlight)
    {
        Interlocked.Increment(ref _drops);
        Interlocked.Add(ref _inFlightAtDrops, inFlight);
        _ = Interlocked.CompareExchange(ref _firstDropTimestamp, timestamp, 0);
    }

    public void Attempted() => Interlocked.Increment(ref _attempts);

    public void AttemptFailed() => Interlocked.Increment(ref _failures);

    public void GaveUp() => Interlocked.Increment(ref _gaveUp);

    public void Reconnected(long ticksSinceDrop)
    {
        Interlocked.Increment(ref _reconnects);
        var micros = (long)(ticksSinceDrop * 1_000_000.0 / _frequency);
        lock (_lock)
        {
            _reconnectTimes.RecordValue(Math.Clamp(micros, 0, LatencyRecorder.HighestTrackableMicros));
        }
    }

    public void Resent(long count, long unresendable)
    {
        Interlocked.Add(ref _resent, count);
        Interlocked.Add(ref _unresendable, unresendable);
    }

    public void Recovered() => Interlocked.Increment(ref _recovered);

    public HistogramCounts ReconnectTimes()
    {
        lock (_lock)
        {
            return HistogramCounts.From(_reconnectTimes);
        }
    }

    /// <summary>The summary block; <paramref name="stillUnanswered"/> are resent messages with no reply at the end, <paramref name="services"/> one per burst of drops.</summary>
    public RecoverySummary Summarize(long stillUnanswered, IReadOnlyList<ServiceRecoverySummary> services)
    {
        LatencySummary? times;
        lock (_lock)
        {
            times = LatencyStatistics.Summarize(_reconnectTimes);
        }

        var lost = Resends ? Interlocked.Read(ref _unresendable) + stillUnanswered : Interlocked.Read(ref _inFlightAtDrops);
        return new RecoverySummary
        {
            Policy = Name(Reconnect.Policy),
            MessageRecovery = Name(MessageRecovery),
            Drops = Drops,
            ReconnectAttempts = Attempts,
            Reconnects = Reconnects,
            ReconnectFailures = Interlocked.Read(ref _failures),
            GaveUp = Interlocked.Read(ref _gaveUp),
            ReconnectTimeMs = times,
            MttrSeconds = times is null ? null : Math.Round(times.Mean / 1000, 4),
            InFlightAtDrops = Interlocked.Read(ref _inFlightAtDrops),
            MessagesResent = Interlocked.Read(ref _resent),
            MessagesRecovered = Interlocked.Read(ref _recovered),
            MessagesLost = lost,
            Service = services.Count > 0 ? services[0] : null,
            ServiceAfterEachBurst = services.Count > 0 ? services : null,
        };
    }

    public void Dispose() => Gate.Dispose();

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
