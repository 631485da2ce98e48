using WsLoad.Messages;
using WsLoad.Metrics;

namespace WsLoad.Fanout;

/// <summary>
/// What a message arriving on a broadcast subscriber means: which publisher's message it is (its stamp), whether the
/// subscriber was due it, whether it is a duplicate or out of order on that publisher's sequence, and how long it took
/// from publish to here. Due deliveries go to the <see cref="FanoutRecorder"/> for reach; the rest are counted.
/// Thread-safe across connections; per connection, called by its receive loop only.
/// </summary>
internal sealed class BroadcastReceiver(FanoutRecorder recorder, RunCounters counters, LatencyRecorder fanoutLatency, TimeProvider time, bool senderReceives)
{
    // A text stamp carries the low 24 bits of the sequence: restored as the latest value not above this reference.
    private const long HalfSequenceRange = 1L << 23;

    /// <summary>Handles one arrival; returns why it counts as corrupted, or null.</summary>
    public string? OnReceived(BroadcastSubscription subscription, int receiverId, ReadOnlySpan<byte> payload, long now)
    {
        // First read with a reference that restores any sequence below 2^24; a publisher past that on this subscriber
        // is read again against what the subscriber has seen of it, and the checksum says whether the restore was right.
        if (!StampCodec.TryRead(payload, new StampContext(0, (2 * HalfSequenceRange) - 1, now), out var stamp, out var intact))
        {
            return "a broadcast message without a stamp";
        }

        if (subscription.Publishers.TryGetValue(stamp.ConnectionId, out var seen) && seen.Highest >= HalfSequenceRange)
        {
            _ = StampCodec.TryRead(payload, new StampContext(0, seen.Highest + HalfSequenceRange, now), out stamp, out intact);
        }

        if (!intact)
        {
            return $"broadcast message {stamp.Sequence} of publisher {stamp.ConnectionId} fails its checksum";
        }

        subscription.FirstArrival(stamp.SentTimestamp, recorder);
        if (!subscription.IsDue(stamp.SentTimestamp) || (!senderReceives && stamp.ConnectionId == receiverId))
        {
            recorder.Unexpected();
            return null;
        }

        ref var track = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(subscription.Publishers, stamp.ConnectionId, out _);
        switch (track.Observe(stamp.Sequence))
        {
            case Engine.SequenceVerdict.Duplicate:
                counters.Duplicated();
                return null;
            case Engine.SequenceVerdict.OutOfOrder:
                counters.OutOfOrder();
                break;
            default:
                break;
        }

        fanoutLatency.Record((long)((now - stamp.SentTimestamp) * 1_000_000.0 / time.TimestampFrequency));
        recorder.Delivered(stamp.ConnectionId, stamp.Sequence, now);
        return null;
    }
}
