using WsLoad.Fanout;
using WsLoad.Messages;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>
/// The message side of a run: what to send and when (for <see cref="SendLoop"/>s), and what a received message means
/// (correlation, latency, integrity and order). Thread-safe: called from every send loop and receive loop.
/// </summary>
internal sealed class MessageTraffic
{
    private readonly MessageOptions _options;
    private readonly TimeProvider _time;
    private readonly long _runStart;
    private readonly MessagePlan _plan;
    private readonly MessageTypePicker _picker;
    private readonly PayloadWriter[] _writers;
    private readonly string[]? _correlationPath;
    private readonly long _timeoutTicks;
    private readonly FailureLog _failures;
    private readonly BroadcastReceiver? _broadcast;
    private long _pausedUntil;

    /// <summary>The traffic of a process that sends <paramref name="totalRateShare"/> of <c>messages.totalRate</c> (<see cref="ConnectionPlan.TotalRateShare"/>); null: all of it.</summary>
    public MessageTraffic(MessageOptions options, TimeProvider time, long runStart, RunCounters counters, FailureLog failures, Rational? totalRateShare = null)
    {
        _options = options;
        _time = time;
        _runStart = runStart;
        _failures = failures;
        Counters = counters;
        _plan = new MessagePlan(options, totalRateShare ?? Rational.One);
        _picker = MessageTypePicker.For(options.Types);
        _writers = options.Types.Select((type, index) => new PayloadWriter(type, (ushort)index)).ToArray();
        Types = options.Types.Select(t => new MessageTypeStats(t.Name)).ToArray();
        _correlationPath = options.CorrelationField?.Split('.');
        _timeoutTicks = TicksOf(options.Timeout);
        StartDelayTicks = TicksOf(options.StartDelay);
        if (options.Expect == ExpectMode.Broadcast)
        {
            Fanout = new FanoutRecorder(time);
            _broadcast = new BroadcastReceiver(Fanout, counters, FanoutLatency, time, options.Broadcast?.SenderReceives ?? true);
        }
        else if (options.Expect == ExpectMode.Push)
        {
            Push = new PushReceiver(options.Push ?? new PushOptions(), counters, time);
        }
    }

    /// <summary>In a broadcast run: what its publishers published, its subscriptions and deliveries; else null.</summary>
    public FanoutRecorder? Fanout { get; }

    /// <summary>With <c>expect: push</c>: what reads the server's numbered messages; else null.</summary>
    public PushReceiver? Push { get; }

    /// <summary>In a broadcast run: publish to arrival of each due delivery, µs.</summary>
    public LatencyRecorder FanoutLatency { get; } = new();

    /// <summary>The message timeout in timestamp ticks.</summary>
    public long TimeoutTicks => _timeoutTicks;

    public RunCounters Counters { get; }

    /// <summary>Told of every reply that names a message of its connection (the closed loop's pacing); null when unused.</summary>
    public Action<ClientSession>? Answered { get; set; }

    /// <summary>Round-trip time from the actual send (service time), µs.</summary>
    public LatencyRecorder ServiceTime { get; } = new();

    /// <summary>Round-trip time from the intended send (response time, corrected for coordinated omission), µs.</summary>
    public LatencyRecorder ResponseTime { get; } = new();

    public IReadOnlyList<MessageTypeStats> Types { get; }

    public long StartDelayTicks { get; }

    /// <summary>Whether replies are correlated, so that sent-but-unanswered messages count as lost.</summary>
    public bool ExpectsReplies => _options.Expect is ExpectMode.Echo or ExpectMode.Reply;

    /// <summary>The per-connection interval between sends in effect now, in timestamp ticks; null when not sending.</summary>
    public long? IntervalTicks(long now)
    {
        var interval = _plan.SendIntervalAt(_time.GetElapsedTime(_runStart, now), (int)Math.Min(int.MaxValue, Counters.Open));
        return interval is { } value ? Math.Max(1, TicksOf(value)) : null;
    }

    /// <summary>Until this timestamp (a <c>clientFaults</c> pause) send loops skip their due sends, counting them as missed.</summary>
    public long PausedUntil
    {
        get => Volatile.Read(ref _pausedUntil);
        set => Volatile.Write(ref _pausedUntil, value);
    }

    public PayloadWriter PickWriter(double draw) => _writers[_picker.Pick(draw)];

    /// <summary>The writer of a message type, for resends.</summary>
    public PayloadWriter WriterOf(ushort typeIndex) => _writers[Math.Min(typeIndex, _writers.Length - 1)];

    /// <summary>With <c>messages.retry</c>: told of the answers of retried messages; null without it.</summary>
    public MessageRetrier? Retrier { get; set; }

    /// <summary>Told of every first reply to a message (not duplicates), with its sequence; message recovery's hook, else null.</summary>
    public Action<ClientSession, long>? Correlated { get; set; }

    public void RecordSent(ushort typeIndex, int bytes)
    {
        Counters.Sent(bytes);
        Types[typeIndex].RecordSent(bytes);
    }

    /// <summary>A message written whole to the server: in a broadcast run, published to the sender's channel.</summary>
    public void RecordPublished(ClientSession session, long sequence, long sentTimestamp)
    {
        if (Fanout is not null && session.Broadcast is { } subscription)
        {
            Fanout.Published(session.Id, sequence, subscription.Channel, sentTimestamp);
        }
    }

    public void SendFailed(ClientSession session, Exception exception)
    {
        if (session.State == ClientSession.Open)
        {
            Counters.Error();
            _failures.Record("send-failed", Seconds(_time.GetTimestamp()), session.Id, exception.Message);
        }
    }

    /// <summary>Handles one received message of <paramref name="session"/>.</summary>
    public void OnReceived(ClientSession session, ReadOnlySpan<byte> payload)
    {
        var now = _time.GetTimestamp();
        Counters.Received(payload.Length);
        var context = new StampContext(session.Id, Volatile.Read(ref session.LastSequence), now);
        switch (_options.Expect)
        {
            case ExpectMode.Echo:
                if (!StampCodec.TryRead(payload, context, out var stamp, out var intact) || stamp.ConnectionId != session.Id || !WasSent(session, stamp))
                {
                    Corrupted(session, now, "echo has no stamp of a message sent on this connection");
                    return;
                }

                if (!intact)
                {
                    ArrivedDamaged(session, stamp.Sequence, now, $"echo of message {stamp.Sequence} fails its checksum");
                    return;
                }

                Correlate(session, stamp, now);
                return;
            case ExpectMode.Reply:
                var found = JsonFieldLocator.TryFindString(payload, _correlationPath!, out var field, out var wellFormed);
                if (!found || !StampCodec.TryRead(field, context, out var replyStamp, out _) || replyStamp.ConnectionId != session.Id)
                {
                    var problem = found
                        ? $"reply's '{_options.CorrelationField}' correlation field names no message sent on this connection"
                        : $"reply has no valid '{_options.CorrelationField}' correlation field";
                    Corrupted(session, now, wellFormed ? problem : $"{problem}, and it is not valid JSON");
                    return;
                }

                if (!wellFormed)
                {
                    if (!WasSent(session, replyStamp))
                    {
                        Corrupted(session, now, $"sequence {replyStamp.Sequence} was never sent");
                        return;
                    }

                    ArrivedDamaged(session, replyStamp.Sequence, now, $"reply to message {replyStamp.Sequence} is not valid JSON");
                    return;
                }

                Correlate(session, replyStamp, now);
                return;
            case ExpectMode.Push:
                if (Push!.OnReceived(session, payload, now) is { } unreadable)
                {
                    Corrupted(session, now, unreadable);
                }

                return;
            case ExpectMode.Broadcast:
                if (session.Broadcast is { } subscription && _broadcast!.OnReceived(subscription, session.Id, payload, now) is { } damage)
                {
                    Corrupted(session, now, damage);
                }

                return;
            default:
                return;
        }
    }

    private void Correlate(ClientSession session, in MessageStamp stamp, long now)
    {
        if (!WasSent(session, stamp))
        {
            Corrupted(session, now, $"sequence {stamp.Sequence} was never sent");
            return;
        }

        // A retried message's answers are expected twice, and after later messages': counted by the retrier instead.
        var retried = Retrier is not null && MessageRetrier.WasRetried(session, stamp.Sequence);
        switch (SequenceTracker.Observe(session, stamp.Sequence))
        {
            case SequenceVerdict.Duplicate when retried:
                Retrier!.DuplicateAnswer();
                return;
            case SequenceVerdict.Duplicate:
                Counters.Duplicated();
                return; // a duplicate does not free a place in the closed loop's window
            case SequenceVerdict.OutOfOrder when !retried:
                Counters.OutOfOrder();
                break;
            default:
                break;
        }

        if (Retrier is not null)
        {
            MessageRetrier.MarkAnswered(session, stamp.Sequence);
            if (retried)
            {
                Retrier.Recovered();
            }
        }

        Correlated?.Invoke(session, stamp.Sequence);
        Volatile.Write(ref session.LastAnsweredTimestamp, now);
        var service = now - stamp.SentTimestamp;
        var serviceMicros = Micros(service);
        ServiceTime.Record(serviceMicros);
        ResponseTime.Record(Micros(now - stamp.IntendedTimestamp));
        if (stamp.TypeIndex < Types.Count)
        {
            var type = Types[stamp.TypeIndex];
            type.RecordReceived();
            type.Rtt.Record(serviceMicros);
        }

        if (service > _timeoutTicks)
        {
            Counters.Late();
        }

        Answered?.Invoke(session);
    }

    /// <summary>
    /// A damaged answer that still says which message it answers (an echo failing its checksum, a reply that is not
    /// valid JSON but whose correlation field was read): the message arrived, not lost, but it counts as corrupted. It
    /// is otherwise handled as an intact answer is in <see cref="Correlate"/>: a duplicate frees nothing, a first answer
    /// frees its place in the window, settles a resend and counts for the retrier.
    /// </summary>
    private void ArrivedDamaged(ClientSession session, long sequence, long now, string message)
    {
        Corrupted(session, now, message);
        var retried = Retrier is not null && MessageRetrier.WasRetried(session, sequence);
        if (SequenceTracker.Observe(session, sequence) == SequenceVerdict.Duplicate)
        {
            if (retried)
            {
                Retrier!.DuplicateAnswer();
            }

            return;
        }

        MessageRetrier.MarkAnswered(session, sequence);
        if (retried)
        {
            Retrier!.Recovered();
        }

        Correlated?.Invoke(session, sequence);
        Answered?.Invoke(session);
    }

    private static bool WasSent(ClientSession session, in MessageStamp stamp) =>
        stamp.Sequence > 0 && stamp.Sequence <= Volatile.Read(ref session.LastSequence);

    private void Corrupted(ClientSession session, long now, string message)
    {
        Counters.Corrupted();
        Counters.Error();
        _failures.Record("integrity-corrupted", Seconds(now), session.Id, message);
    }

    private double Seconds(long timestamp) => _time.GetElapsedTime(_runStart, timestamp).TotalSeconds;

    private long Micros(long ticks) => (long)(ticks * 1_000_000.0 / _time.TimestampFrequency);

    private long TicksOf(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
