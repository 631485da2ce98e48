namespace WsLoad.Fanout;

/// <summary>
/// One connection's subscription in a broadcast run: its channel, when it is due messages, and what it has seen of each
/// publisher. It is due what is published before its planned close less the message timeout, from when the server had
/// surely registered it. A server registers a connection around its 101, often just after sending it, and the client
/// cannot see when: so it is due from the send time of the first message it gets, or from <see cref="JoinGrace"/> after
/// its 101 if nothing has come by then (a subscriber that gets nothing is still due what is published after that).
/// Made before the connection connects (its receive loop may run before the connect returns) and replaced on a
/// reconnect. The publisher tracks are touched only by the receive loop; recording the subscription, moving its
/// beginning and its early end are locked on this object, since the connect, the first arrival and the close may race.
/// </summary>
internal sealed class BroadcastSubscription(string channel, long end)
{
    /// <summary>How long after its 101 a subscriber is surely registered when no message has shown it sooner.</summary>
    public static readonly TimeSpan JoinGrace = TimeSpan.FromSeconds(1);

    private long _begin;
    private bool _arrived;

    public string Channel { get; } = channel;

    /// <summary>From when it is due messages (0 until its 101 is known): see the class's summary.</summary>
    public long Begin => Volatile.Read(ref _begin);

    /// <summary>The planned end: messages published from here on may not have their timeout to arrive before the close.</summary>
    public long End { get; } = end;

    /// <summary>Whether the subscription is in the ledger (+1 at its beginning, -1 at its planned end).</summary>
    public bool Recorded { get; set; }

    /// <summary>When the connection closed (0 = open): before <see cref="End"/>, its end is moved there.</summary>
    public long ClosedAt { get; set; }

    /// <summary>Per publisher (its connection id): the highest sequence seen and which of the 64 below it were.</summary>
    public Dictionary<int, PublisherTrack> Publishers { get; } = [];

    /// <summary>Sets the beginning once, <see cref="JoinGrace"/> after the 101; every caller passes the same 101 timestamp.</summary>
    public void BeginAt(long openTimestamp, long joinGraceTicks) => Interlocked.CompareExchange(ref _begin, openTimestamp + joinGraceTicks, 0);

    /// <summary>
    /// The first message this subscriber got, published at <paramref name="sentTimestamp"/>: it was registered by then,
    /// so it is due from there when that is sooner (the ledger's record moves with it).
    /// </summary>
    public void FirstArrival(long sentTimestamp, FanoutRecorder recorder)
    {
        if (Volatile.Read(ref _arrived))
        {
            return;
        }

        lock (this)
        {
            var begin = Begin;
            if (_arrived || sentTimestamp >= begin)
            {
                _arrived = true;
                return;
            }

            // One tick before it, so that this message itself is due (the ledger counts what began strictly before).
            _arrived = true;
            Volatile.Write(ref _begin, sentTimestamp - 1);
            if (Recorded)
            {
                recorder.MovedBegin(Channel, begin, sentTimestamp - 1);
            }
        }
    }

    public bool IsDue(long sentTimestamp) => Begin != 0 && sentTimestamp > Begin && sentTimestamp < End;
}

/// <summary>What one subscriber has seen of one publisher's sequence: the highest, and a 64-message window below it.</summary>
internal struct PublisherTrack
{
    public long Highest;
    public ulong Window;

    /// <summary>Classifies <paramref name="sequence"/> and records it (<see cref="Engine.SequenceTracker"/>'s rule).</summary>
    public Engine.SequenceVerdict Observe(long sequence) => Engine.SequenceTracker.Observe(ref Highest, ref Window, sequence);
}
