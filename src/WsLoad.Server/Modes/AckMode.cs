using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WsLoad.Server.Connections;
using WsLoad.Server.Faults;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Modes;

/// <summary>
/// Acknowledges each text message that is a JSON object with a top-level <c>id</c> with one text message,
/// <c>{"type":"ack","id":ID}</c> (see <see cref="AckMessage"/>), as servers with an application-level ack protocol do.
/// Other messages (not JSON, not an object, no id, binary) get no ack and are counted as skipped; they do not reach the
/// reply faults, whose every-Nth counts are over acks only. The CPU-per-message fault is paid for every message, first.
/// The ack is written into a pooled buffer and sent (or held) by <see cref="ReplySender"/>, as echo mode's replies are.
/// </summary>
internal sealed class AckMode(ReplyFaults faults, ReplySender replies, ServerCounters counters) : IConnectionMode
{
    public void OnOpened(ServerConnection connection)
    {
    }

    public void OnClosed(ServerConnection connection)
    {
    }

    public ValueTask OnMessageAsync(ServerConnection connection, ReadOnlyMemory<byte> message, WebSocketMessageType type)
    {
        faults.BurnCpu();
        if (type != WebSocketMessageType.Text || !AckMessage.TryFindId(message.Span, out var idRange))
        {
            counters.AckSkipped();
            return ValueTask.CompletedTask;
        }

        var action = faults.Next();
        if (action.Drop)
        {
            return ValueTask.CompletedTask;
        }

        var id = message.Span[idRange];
        var buffer = ArrayPool<byte>.Shared.Rent(AckMessage.LengthFor(id.Length));
        var length = AckMessage.Write(buffer, id);
        return SendAsync(connection, buffer, length, action);
    }

    /// <summary>Sends the ack and gives its buffer back (a held ack is a copy, so the buffer is free once this completes).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAsync(ServerConnection connection, byte[] buffer, int length, ReplyAction action)
    {
        try
        {
            await replies.SendAsync(connection, buffer.AsMemory(0, length), WebSocketMessageType.Text, action);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
