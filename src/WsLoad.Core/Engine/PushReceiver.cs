using WsLoad.Metrics;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>
/// <c>expect: push</c>: reads each server message's number (and time, when the scenario names a field for it) and
/// counts, per connection, the numbers never received (gaps), duplicates and reordering, the time since the previous
/// arrival and the one-way latency. A number that arrives after a later one fills its gap. Gaps are counted between
/// numbers received, from <see cref="PushOptions.FirstSequence"/>: what a connection never received after its last
/// message cannot be told from the end of the stream.
/// The one-way latency compares the server's wall clock with this machine's (<see cref="ClockBasis"/>).
/// Thread-safe across connections; per connection, called by its receive loop only.
/// </summary>
internal sealed class PushReceiver(PushOptions options, RunCounters counters, TimeProvider time)
{
    private readonly string[] _sequencePath = options.SequenceField.Split('.');
    private readonly string[]? _timestampPath = options.TimestampField?.Split('.');
    private readonly long _microsPerUnit = options.TimestampUnit switch { "ms" => 1_000, "s" => 1_000_000, _ => 1 };

    /// <summary>Time between two arrivals on a connection, µs.</summary>
    public LatencyRecorder InterArrival { get; } = new();

    /// <summary>The server's timestamp to this machine's clock at arrival, µs; empty without a timestamp field.</summary>
    public LatencyRecorder OneWay { get; } = new();

    /// <summary>What the one-way latency compares, for the result; null without a timestamp field.</summary>
    public string? ClockBasis => _timestampPath is null ? null : Basis;

    /// <summary>The clock basis of every push one-way latency.</summary>
    public const string Basis =
        "the server's wall-clock timestamp against this machine's wall clock (UTC) at arrival: exact on one machine; across machines only as good as their clock sync (NTP or PTP)";

    /// <summary>Handles one arrival; returns why it counts as corrupted, or null.</summary>
    public string? OnReceived(ClientSession session, ReadOnlySpan<byte> payload, long now)
    {
        if (!JsonFieldLocator.TryFindInt64(payload, _sequencePath, out var sequence))
        {
            return $"a pushed message without a whole number in '{options.SequenceField}'";
        }

        ref var push = ref session.Push;
        if (push.LastArrival != 0)
        {
            InterArrival.Record((long)((now - push.LastArrival) * 1_000_000.0 / time.TimestampFrequency));
        }

        push.LastArrival = now;
        if (_timestampPath is not null && JsonFieldLocator.TryFindInt64(payload, _timestampPath, out var sentAt))
        {
            var arrivedUs = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
            OneWay.Record(Math.Max(0, arrivedUs - (sentAt * _microsPerUnit)));
        }

        if (sequence < options.FirstSequence)
        {
            counters.OutOfOrder(); // before the stream's first number: no gap it could fill
            return null;
        }

        // The stream's first arrival: the numbers from FirstSequence before it are gaps (a stream may start at 0).
        if (push.Window == 0)
        {
            counters.SequenceGaps(sequence - options.FirstSequence);
            (push.Highest, push.Window) = (sequence, 1UL);
            return null;
        }

        var next = push.Highest + 1;
        var fillsGap = sequence < next && push.Highest - sequence < 64; // within the window: known not seen, or a duplicate
        switch (SequenceTracker.Observe(ref push.Highest, ref push.Window, sequence))
        {
            case SequenceVerdict.InOrder:
                counters.SequenceGaps(sequence - next);
                break;
            case SequenceVerdict.Duplicate:
                counters.Duplicated();
                break;
            default:
                counters.OutOfOrder(); // late; one more than 64 back cannot be told from a duplicate, and is counted so too
                if (fillsGap)
                {
                    counters.SequenceGaps(-1); // it was counted as a gap when a later number came first
                }

                break;
        }

        return null;
    }
}

/// <summary>One connection's push stream: the highest number seen, which of the 64 below it were, and the last arrival.</summary>
internal struct PushTrack
{
    public long Highest;
    public ulong Window;
    public long LastArrival;
}
