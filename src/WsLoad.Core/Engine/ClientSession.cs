using WsLoad.Connections;

namespace WsLoad.Engine;

/// <summary>
/// One planned connection slot and its state. Kept small: there is one per connection. <see cref="Id"/> is the slot's
/// number in the whole plan (unique across every process of a run, so correlation stamps never collide);
/// <see cref="Slot"/> its number in this process's share.
/// Threading: the send fields are touched only by the owning <see cref="SendLoop"/>; the receive fields only by the
/// connection's receive loop (sequential per connection); <see cref="State"/> changes by compare-and-swap.
/// </summary>
internal sealed class ClientSession(int id, int slot)
{
    public const int Pending = 0;
    public const int Open = 1;
    public const int Closing = 2;
    public const int Closed = 3;

    private int _state;

    public int Id { get; } = id;

    /// <summary>The slot's index in this process's plan: what spreads connections over send loops and source addresses.</summary>
    public int Slot { get; } = slot;

    public WsClientConnection? Connection { get; set; }

    /// <summary>Set when the plan (or an interrupt) wants this slot closed, possibly before it finished connecting.</summary>
    public volatile bool CloseRequested;

    /// <summary>Set when the slot is to close once its retries are resolved: it sends no new message meanwhile.</summary>
    public volatile bool Draining;

    /// <summary>
    /// The plan's close time for this slot (a TimeProvider timestamp): no send is intended at or after it, even when the
    /// close itself runs a little late, so the closing phase never carries traffic.
    /// </summary>
    public long SendUntilTimestamp = long.MaxValue;

    /// <summary>Whether this slot's sends are over at <paramref name="timestamp"/>: it is draining, or its plan has closed it.</summary>
    public bool SendsEndedAt(long timestamp) => Draining || timestamp >= Volatile.Read(ref SendUntilTimestamp);

    /// <summary>Set just before a <c>clientFaults</c> drop aborts the connection, so its close is counted as injected.</summary>
    public volatile bool FaultDropped;

    public int State => Volatile.Read(ref _state);

    /// <summary>When the 101 arrived and when the connection closed (TimeProvider timestamps; 0 = not yet).</summary>
    public long OpenedTimestamp;
    public long ClosedTimestamp;

    /// <summary>When a checkpoint's ramp-down closed it before its planned time (0: it was not): its planned time ends there.</summary>
    public long EarlyCloseTimestamp;

    /// <summary>When this side sent its close frame (0 = it has not): the close handshake is timed from here.</summary>
    public long CloseStartedTimestamp;

    /// <summary>When the plan's close began waiting for this slot's answers (0 = not waiting); see LoadTestRun.Drain.cs.</summary>
    public long DrainStartedTimestamp;

    /// <summary>Messages in flight when this side closed the connection: not lost, "unanswered at close".</summary>
    public long UnansweredAtClose;

    // Send side (owned by one SendLoop).
    public long LastSequence;
    public long NextIntendedTimestamp;

    // Closed loop (InFlightWindow): messages that may go now, and whether a thread is sending them.
    public int Owed;
    public int Pumping;

    // Receive side (owned by the connection's receive loop).
    public bool FirstMessageSeen;
    public long HighestSequenceSeen;
    public ulong SeenWindow;
    public long ReceivedUnique;

    /// <summary>With <c>expect: push</c>: the connection's stream of server numbers (reset on a reconnect: the server numbers each connection from its start).</summary>
    public PushTrack Push;

    /// <summary>In a broadcast run: the connection's subscription (replaced on a reconnect); else null.</summary>
    public Fanout.BroadcastSubscription? Broadcast;

    /// <summary>When the newest answer arrived (0 = none yet).</summary>
    public long LastAnsweredTimestamp;

    // Recovery (reconnects and resends): see LoadTestRun.Recovery.cs.

    /// <summary>The 101 of the slot's first connection (0 = never connected); availability's window starts there.</summary>
    public long FirstOpenedTimestamp;

    /// <summary>Up time of the slot's earlier connections, before its latest reconnect (timestamp ticks).</summary>
    public long EarlierUpTicks;

    /// <summary>Bumped on each reconnect, so a send loop drops the schedule entry of the connection before.</summary>
    public int SendEpoch;

    /// <summary>With message recovery: the intended timestamp and type of the last 64 sends, indexed by sequence &amp; 63.</summary>
    public long[]? RecentIntended;
    public ushort[]? RecentTypes;

    /// <summary>With message recovery: sequences resent and not yet answered. Lock it to use it.</summary>
    public HashSet<long>? Resent;

    // Retry (see MessageRetrier): when each of the last 64 sends last went out, and how often it was retried.

    /// <summary>With retry: the timestamp of the latest send (first or retry) of the last 64 sequences, by sequence &amp; 63.</summary>
    public long[]? RecentSentAt;

    /// <summary>With retry: the sequence last answered in each entry of the ring (written by the receive loop), by sequence &amp; 63.</summary>
    public long[]? RecentAnswered;

    /// <summary>With retry: how many times each of the last 64 sequences was retried, by sequence &amp; 63.</summary>
    public byte[]? RecentRetries;

    /// <summary>With retry: sequences below this were sent on an earlier connection of the slot and are not retried.</summary>
    public long RetryFloor = 1;

    /// <summary>1 while a retry or a post-reconnect resend is sending on this slot (taken by compare-and-swap).</summary>
    public int RetryBusy;

    public bool TrySetState(int from, int to) => Interlocked.CompareExchange(ref _state, to, from) == from;

    public int SetState(int to) => Interlocked.Exchange(ref _state, to);

    /// <summary>Messages sent on this connection that never came back (for expectations that correlate replies).</summary>
    public long Unanswered => Math.Max(0, Volatile.Read(ref LastSequence) - Volatile.Read(ref ReceivedUnique));

    /// <summary>Of <see cref="Unanswered"/>, the messages lost: those not in flight when this side closed.</summary>
    public long Lost => Unanswered - Math.Min(Volatile.Read(ref UnansweredAtClose), Unanswered);
}
