using System.Net.WebSockets;
using System.Threading.Channels;
using WsLoad.Network;
using WsLoad.Server.Faults;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Connections;

/// <summary>
/// An echo reply or an ack waiting to be sent: its own copy of the payload, and when it may go. <paramref name="StallCounted"/>:
/// it arrived during a stall and was counted as stalled then (so the drain does not count it again).
/// </summary>
internal readonly record struct HeldReply(byte[] Payload, WebSocketMessageType Type, long DueTimestamp, bool Duplicate, bool StallCounted);

/// <summary>
/// One connection's replies that wait for a reply delay or a stall. One drain sends them strictly in the order they
/// were held, each no earlier than its due time and never during a stall, so the receive loop keeps reading while
/// replies wait. The queue is bounded: when it is full the receive loop waits (back-pressure, as a slow server gives),
/// so no reply is ever lost to it. Created on first use, so connections that never hold a reply cost nothing.
/// Threading: <see cref="HoldAsync"/>, <see cref="FlushAsync"/> and <see cref="Dispose"/> come from the connection's receive
/// loop only; the drain runs on its own task.
/// </summary>
internal sealed class HeldReplies : IDisposable
{
    private readonly ServerConnection _connection;
    private readonly StallGate _stall;
    private readonly ServerCounters _counters;
    private readonly ReleaseClock _clock;
    private readonly Channel<HeldReply> _queue;
    private readonly CancellationTokenSource _ended = new();
    private readonly CancellationToken _endedToken;
    private readonly Task _drain;
    private int _pending;

    public HeldReplies(ServerConnection connection, StallGate stall, ServerCounters counters, ReleaseClock clock, int capacity)
    {
        _connection = connection;
        _stall = stall;
        _counters = counters;
        _clock = clock;
        _endedToken = _ended.Token;
        _queue = Channel.CreateBounded<HeldReply>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _drain = Task.Run(DrainAsync, CancellationToken.None);
    }

    /// <summary>True when no reply waits or is being sent: a reply may then be sent directly without overtaking one.</summary>
    public bool IsEmpty => Volatile.Read(ref _pending) == 0;

    /// <summary>Queues a reply; waits while the queue is full. Completes at once (not sent) once the connection ended.</summary>
    public async ValueTask HoldAsync(HeldReply reply)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            if (!_queue.Writer.TryWrite(reply))
            {
                await _queue.Writer.WriteAsync(reply, _endedToken);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    /// <summary>
    /// The client is closing: sends what is held (stalls and delays still apply) before the close is answered, waiting
    /// at most <paramref name="timeout"/> (system clock: a fake clock in tests must not hold a close up).
    /// </summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        await _drain.WaitAsync(timeout, TimeProvider.System).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>The connection is over: forgets what is held and stops the drain.</summary>
    public void Dispose()
    {
        if (_queue.Writer.TryComplete() || !_endedToken.IsCancellationRequested)
        {
            _ended.Cancel();
            _ended.Dispose();
        }
    }

    private async Task DrainAsync()
    {
        var token = _endedToken;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(token))
            {
                while (_queue.Reader.TryRead(out var reply))
                {
                    await SendWhenDueAsync(reply, token);
                    Interlocked.Decrement(ref _pending);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended; what was held goes with it.
        }
    }

    private async Task SendWhenDueAsync(HeldReply reply, CancellationToken token)
    {
        await _clock.WaitUntilAsync(reply.DueTimestamp).WaitAsync(token);
        if (_stall.IsStalled)
        {
            if (!reply.StallCounted)
            {
                _counters.ReplyStalled();
            }

            do
            {
                await _stall.WhenOpen.WaitAsync(token);
            }
            while (_stall.IsStalled);
        }

        if (await _connection.SendAsync(reply.Payload, reply.Type) && reply.Duplicate)
        {
            _ = await _connection.SendAsync(reply.Payload, reply.Type);
        }
    }
}
