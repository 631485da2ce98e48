using System.Threading.Channels;
using HdrHistogram;
using Microsoft.Extensions.Time.Testing;
using WsLoad.Connections;
using WsLoad.Engine;
using WsLoad.Messages;
using WsLoad.Metrics;
using WsLoad.Scenarios;
using WsLoad.Tests.Connections;

namespace WsLoad.Tests.Engine;

/// <summary>
/// Coordinated omission, on a fake clock: a <see cref="SendLoop"/> that wakes 500 ms late (as a stopped or starved
/// process does) sends everything that fell due meanwhile, each stamped with its own intended time, and the response
/// time of each is its round trip plus how late it went out. A loop that skipped the missed sends, or a response time
/// taken from the actual send, fails here.
/// </summary>
public sealed class SendLoopLateWakeTests
{
    // 20/s: one send every 50 ms per connection.
    private const double RatePerSecond = 20;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Late = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Rtt = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task A_loop_waking_500ms_late_sends_every_due_message_and_its_response_time_is_rtt_plus_500ms()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var ct = timeout.Token;
        var clock = new ManualWakeClock();
        var traffic = new MessageTraffic(new MessageOptions { RatePerSecond = RatePerSecond }, clock, clock.GetTimestamp(), new RunCounters(), new FailureLog());
        var session = new ClientSession(7, 0);
        var handler = new TrafficHandler(traffic, session);
        var (clientStream, serverStream) = PipeDuplexStream.CreatePair();
        var server = new FakeWsServer(serverStream);
        var accept = server.AcceptAsync(ct);
        var connection = await WsClientConnection.ConnectOverStreamAsync(clientStream, new WsConnectRequest { Url = new Uri("ws://test.local/") }, handler, ct);
        await accept;
        session.Connection = connection;
        Assert.True(session.TrySetState(ClientSession.Pending, ClientSession.Open));

        var loop = new SendLoop(traffic, new MessageSender(traffic, clock), clock, new SchedulingLag(), seed: 1);
        loop.Add(session);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var running = loop.RunAsync(stop.Token); // admits the session, its first send within one interval, and sleeps
        await clock.AsleepAsync(ct);

        // One interval on, the first send is due: wake then, and read its intended time from its stamp.
        clock.Advance(Interval);
        clock.Wake();
        await clock.AsleepAsync(ct);
        var (_, firstPayload) = await server.ReadFrameAsync(ct);
        Assert.True(StampCodec.TryRead(firstPayload, new StampContext(7, 1, clock.GetTimestamp()), out var first, out _));
        Assert.Equal(1, Volatile.Read(ref session.LastSequence));

        // The next send is due one interval after it. The loop sleeps past that by 500 ms.
        var nextDue = first.IntendedTimestamp + Interval.Ticks;
        var wake = nextDue + Late.Ticks;
        clock.SetUtcNow(new DateTimeOffset(wake, TimeSpan.Zero));
        clock.Wake();
        await clock.AsleepAsync(ct); // asleep again: what was due has gone out

        // Due by then: that send and every one after it up to the wake, 500 ms / 50 ms + 1 = 11 sends, all sent now.
        var due = (int)(Late / Interval) + 1;
        Assert.Equal(1 + due, Volatile.Read(ref session.LastSequence));
        var frames = new List<(WsFrameHeader Header, byte[] Payload)>();
        for (var k = 0; k < due; k++)
        {
            var (header, payload) = await server.ReadFrameAsync(ct);
            Assert.True(StampCodec.TryRead(payload, new StampContext(7, 1 + due, clock.GetTimestamp()), out var stamp, out var intact) && intact);
            Assert.Equal((7, k + 2L), (stamp.ConnectionId, stamp.Sequence));
            Assert.Equal(nextDue + (k * Interval.Ticks), stamp.IntendedTimestamp); // on schedule, none skipped
            Assert.Equal(wake, stamp.SentTimestamp); // all sent at the late wake
            frames.Add((header, payload));
        }

        // The server answers each of them (not the first, sent on time) after the round trip.
        clock.Advance(Rtt);
        foreach (var (header, payload) in frames)
        {
            await server.SendAsync(header.Opcode, true, payload, ct);
        }

        for (var k = 0; k < due; k++)
        {
            await handler.NextAsync(ct);
        }

        // Independent expected values: every round trip is 20 ms; the k-th late send went out (500 - 50k) ms late, so
        // its response time is rtt + that, the first rtt + 500 ms.
        var service = traffic.ServiceTime.TakeInterval();
        Assert.Equal(Values(Enumerable.Repeat(Rtt, due)), Values(service));
        var response = traffic.ResponseTime.TakeInterval();
        Assert.Equal(Values(Enumerable.Range(0, due).Select(k => Rtt + Late - (k * Interval))), Values(response));
        Assert.Equal(response.HighestEquivalentValue(Micros(Rtt + Late)), response.GetMaxValue()); // the first: rtt + 500 ms
        Assert.Equal((1L + due, 0L), (traffic.Counters.Snapshot().Sent, traffic.Counters.Snapshot().MissedSends));

        await stop.CancelAsync();
        await running.WaitAsync(ct);
        connection.Abort();
        await connection.Completion.WaitAsync(ct);
    }

    private static long Micros(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>What a histogram holds, as (value, count) pairs in HDR's own buckets.</summary>
    private static List<(long Value, long Count)> Values(HistogramBase histogram) =>
        histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList();

    private static List<(long Value, long Count)> Values(IEnumerable<TimeSpan> spans)
    {
        var histogram = LatencyRecorder.NewHistogram();
        foreach (var span in spans)
        {
            histogram.RecordValue(Micros(span));
        }

        return Values(histogram);
    }

    /// <summary>
    /// A fake clock whose timers fire only when the test says, at whatever time the clock shows then: a sleeper wakes
    /// late exactly as a stopped process does. (<see cref="FakeTimeProvider"/>'s own timers fire at their due time,
    /// rounded to whole ms, so a loop on them always wakes on time.)
    /// </summary>
    private sealed class ManualWakeClock : FakeTimeProvider
    {
        private readonly List<ManualTimer> _pending = [];
        private readonly Channel<bool> _armed = Channel.CreateUnbounded<bool>();

        /// <summary>Completes when a timer was armed since the last call: the loop has finished its turn and sleeps.</summary>
        public async Task AsleepAsync(CancellationToken ct) => await _armed.Reader.ReadAsync(ct);

        /// <summary>Fires every armed timer now.</summary>
        public void Wake()
        {
            ManualTimer[] due;
            lock (_pending)
            {
                due = [.. _pending];
                _pending.Clear();
            }

            foreach (var timer in due)
            {
                timer.Fire();
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            lock (_pending)
            {
                _pending.Add(timer);
            }

            _armed.Writer.TryWrite(true);
            return timer;
        }

        private void Remove(ManualTimer timer)
        {
            lock (_pending)
            {
                _ = _pending.Remove(timer);
            }
        }

        private sealed class ManualTimer(ManualWakeClock clock, TimerCallback callback, object? state) : ITimer
        {
            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose() => clock.Remove(this);

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    /// <summary>Hands each received message to the traffic, as the engine's handler does, and signals it.</summary>
    private sealed class TrafficHandler(MessageTraffic traffic, ClientSession session) : IWsConnectionHandler
    {
        private readonly Channel<bool> _received = Channel.CreateUnbounded<bool>();

        public async Task NextAsync(CancellationToken ct) => await _received.Reader.ReadAsync(ct);

        public void OnMessage(WsClientConnection connection, ReadOnlySpan<byte> payload, bool isText, long receivedTimestamp)
        {
            traffic.OnReceived(session, payload);
            _received.Writer.TryWrite(true);
        }

        public void OnClosed(WsClientConnection connection, WsCloseInfo info)
        {
        }
    }
}
