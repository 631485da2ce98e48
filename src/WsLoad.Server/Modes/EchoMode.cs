using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WsLoad.Network;
using WsLoad.Server.Connections;
using WsLoad.Server.Faults;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Modes;

/// <summary>
/// Returns each message to its sender. Without reply faults it sends from the receive loop itself: no queue, no copy,
/// no allocation. A reply that must wait (a delay, a stall, or an earlier reply still waiting) is copied into the
/// connection's <see cref="HeldReplies"/>, so the receive loop goes on reading and order is kept. The CPU-per-message
/// fault is paid first, in the receive loop, before the reply is decided.
/// </summary>
internal sealed class EchoMode(ReplyFaults faults, StallGate stall, ServerCounters counters, TimeProvider time, ReleaseClock clock, int holdCapacity) : IConnectionMode
{
    public void OnOpened(ServerConnection connection)
    {
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask OnMessageAsync(ServerConnection connection, ReadOnlyMemory<byte> message, WebSocketMessageType type)
    {
        faults.BurnCpu();
        var action = faults.Next();
        if (action.Drop)
        {
            return;
        }

        var stalled = stall.IsStalled;
        if (action.Delay > TimeSpan.Zero || stalled || connection.Held is { IsEmpty: false })
        {
            if (stalled)
            {
                counters.ReplyStalled();
            }

            var due = time.GetTimestamp() + (long)(action.Delay.TotalSeconds * time.TimestampFrequency);
            var held = connection.Held ??= new HeldReplies(connection, stall, counters, clock, holdCapacity);
            await held.HoldAsync(new HeldReply(Copy(message, action.Corrupt), type, due, action.Duplicate, StallCounted: stalled));
            return;
        }

        var reply = action.Corrupt ? Copy(message, corrupt: true) : message;
        if (await connection.SendAsync(reply, type) && action.Duplicate)
        {
            _ = await connection.SendAsync(reply, type);
        }
    }

    private static byte[] Copy(ReadOnlyMemory<byte> message, bool corrupt)
    {
        var copy = message.ToArray();
        if (corrupt)
        {
            ReplyFaults.Corrupt(copy);
        }

        return copy;
    }
}
