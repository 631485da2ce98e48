using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WsLoad.Server.Connections;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Modes;

/// <summary>
/// Gives each connection a send queue of push markers (filled by <see cref="PushScheduler"/>) and formats each
/// message as it is sent, so <c>seq</c> counts the messages the client actually gets, from 1, without gaps (a full
/// queue drops markers, not numbers). With <paramref name="skipEvery"/> (the push gap fault) the multiples of it are
/// skipped and counted, so <c>seq</c> then has gaps by design: exactly one after each skipped number.
/// Messages from clients are ignored (they are counted by the session).
/// </summary>
internal sealed class PushMode(int pushSize, int queueCapacity, long? skipEvery, ServerCounters counters, TimeProvider timeProvider) : IConnectionMode
{
    private readonly int _bufferSize = Math.Max(pushSize, PushMessageWriter.MaxUnpaddedLength);

    public void OnOpened(ServerConnection connection) =>
        connection.Outbound = new OutboundQueue(_ => SendNextAsync(connection), queueCapacity);

    public void OnClosed(ServerConnection connection)
    {
    }

    public ValueTask OnMessageAsync(ServerConnection connection, ReadOnlyMemory<byte> message, WebSocketMessageType type) =>
        ValueTask.CompletedTask;

    /// <summary>Runs on the connection's queue drain, one at a time, so <see cref="ServerConnection.PushSequence"/> needs no lock.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> SendNextAsync(ServerConnection connection)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
        try
        {
            var seq = connection.PushSequence + 1;
            var skipped = skipEvery is { } every && seq % every == 0; // every >= 2: the next number is never a multiple too
            if (skipped)
            {
                seq++;
            }

            var sentAt = PushMessageWriter.ToUnixMicroseconds(timeProvider.GetUtcNow());
            var length = PushMessageWriter.Write(buffer, seq, sentAt, pushSize);
            var sent = await connection.SendAsync(buffer.AsMemory(0, length), WebSocketMessageType.Text);
            if (sent)
            {
                connection.PushSequence = seq;
                if (skipped)
                {
                    counters.PushSkipped(); // once sent: a send refused on closing leaves no gap
                }
            }

            return sent;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
