using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WsLoad.Network;
using WsLoad.Server.Connections;
using WsLoad.Server.Faults;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Modes;

/// <summary>
/// Sends one reply to its sender as its <see cref="ReplyAction"/> says (echo and ack modes; the caller has already left
/// out a dropped reply). Without faults it sends from the receive loop itself: no queue, no copy, no allocation. A reply
/// that must wait (a delay, a stall, or an earlier reply still waiting) is copied into the connection's
/// <see cref="HeldReplies"/>, so the receive loop goes on reading and order is kept. Threading: shared by all
/// connections and stateless; for one connection, called from its receive loop only.
/// </summary>
internal sealed class ReplySender(StallGate stall, ServerCounters counters, TimeProvider time, ReleaseClock clock, int holdCapacity)
{
    /// <summary>Sends (or holds) <paramref name="reply"/>, which is only read until the returned task completes.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask SendAsync(ServerConnection connection, ReadOnlyMemory<byte> reply, WebSocketMessageType type, ReplyAction action)
    {
        var stalled = stall.IsStalled;
        if (action.Delay > TimeSpan.Zero || stalled || connection.Held is { IsEmpty: false })
        {
            if (stalled)
            {
                counters.ReplyStalled();
            }

            var due = time.GetTimestamp() + (long)(action.Delay.TotalSeconds * time.TimestampFrequency);
            var held = connection.Held ??= new HeldReplies(connection, stall, counters, clock, holdCapacity);
            await held.HoldAsync(new HeldReply(Copy(reply, action.Corrupt), type, due, action.Duplicate, StallCounted: stalled));
            return;
        }

        var payload = action.Corrupt ? Copy(reply, corrupt: true) : reply;
        if (await connection.SendAsync(payload, type) && action.Duplicate)
        {
            _ = await connection.SendAsync(payload, type);
        }
    }

    private static byte[] Copy(ReadOnlyMemory<byte> reply, bool corrupt)
    {
        var copy = reply.ToArray();
        if (corrupt)
        {
            ReplyFaults.Corrupt(copy);
        }

        return copy;
    }
}
