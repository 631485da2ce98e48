using System.Buffers;
using WsLoad.Connections;
using WsLoad.Messages;

namespace WsLoad.Engine;

/// <summary>
/// Writes and sends one stamped message on a connection: the work shared by the scheduled <see cref="SendLoop"/>s and
/// the closed-loop <see cref="InFlightWindow"/>. Stateless; callers guarantee one send at a time per connection.
/// </summary>
internal sealed class MessageSender(MessageTraffic traffic, TimeProvider time)
{

    /// <summary>
    /// Sends one message meant for <paramref name="intended"/> (a timestamp). Returns null when the send finished at once
    /// (sent, or refused by a closing connection), else a task that completes when it has finished.
    /// </summary>
    public Task? Send(ClientSession session, WsClientConnection connection, long intended, Random random, CancellationToken cancellationToken)
    {
        var writer = traffic.PickWriter(random.NextDouble());
        var buffer = ArrayPool<byte>.Shared.Rent(writer.MaxLength);

        // The sequence is taken before the send because the echo may be handled on another thread before SendAsync
        // returns; it is given back when the connection refused the message without writing anything.
        var sequence = session.LastSequence + 1;
        var stamp = new MessageStamp(session.Id, sequence, intended, time.GetTimestamp(), writer.TypeIndex);
        if (session.RecentIntended is { } recent)
        {
            // Message recovery and retry: remembered so a resend carries the same identity and intended time. Written
            // before the sequence is published, so the retrier never sees the sequence with the slot's previous entries.
            recent[sequence & 63] = intended;
            session.RecentTypes![sequence & 63] = writer.TypeIndex;
            if (session.RecentSentAt is { } sentAt)
            {
                sentAt[sequence & 63] = stamp.SentTimestamp;
                Volatile.Write(ref session.RecentRetries![sequence & 63], 0);
            }
        }

        Volatile.Write(ref session.LastSequence, sequence);

        var length = writer.Write(buffer, stamp, random.NextDouble(), writer.NeedsWallClock ? time.GetUtcNow().ToUnixTimeMilliseconds() : 0, (uint)random.Next());
        var sending = connection.SendAsync(buffer.AsMemory(0, length), writer.IsText, cancellationToken);
        if (!sending.IsCompleted)
        {
            return CompleteAsync(sending, buffer, session, sequence, writer.TypeIndex, length, stamp.SentTimestamp);
        }

        try
        {
            sending.GetAwaiter().GetResult();
            traffic.RecordSent(writer.TypeIndex, length);
            traffic.RecordPublished(session, sequence, stamp.SentTimestamp);
        }
        catch (Exception exception) when (exception is InvalidOperationException or SendCancelledBeforeWriteException)
        {
            // Closing or closed between the caller's state check and the send, or cancelled before its turn to write:
            // nothing went out.
            Volatile.Write(ref session.LastSequence, sequence - 1);
        }
        catch (Exception exception)
        {
            traffic.RecordSent(writer.TypeIndex, length);
            traffic.SendFailed(session, exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return null;
    }

    /// <summary>
    /// A send that waited (for the socket, or for the write gate behind a retry or the close frame): counted once it is
    /// written or failed part-way; refused by a connection that began closing meanwhile, it is given back like a
    /// refused synchronous send (the caller holds the connection's pump, so no later sequence was taken).
    /// </summary>
    private async Task CompleteAsync(ValueTask sending, byte[] buffer, ClientSession session, long sequence, ushort typeIndex, int length, long sentTimestamp)
    {
        try
        {
            await sending;
            traffic.RecordSent(typeIndex, length);
            traffic.RecordPublished(session, sequence, sentTimestamp);
        }
        catch (Exception exception) when (exception is InvalidOperationException or SendCancelledBeforeWriteException)
        {
            _ = Interlocked.CompareExchange(ref session.LastSequence, sequence - 1, sequence);
        }
        catch (Exception exception)
        {
            traffic.RecordSent(typeIndex, length);
            traffic.SendFailed(session, exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Sends message <paramref name="sequence"/> of <paramref name="session"/> again, with its original intended time
    /// and type (so the response time includes the outage or the wait). A resend after a reconnect (the caller makes
    /// sure nothing else sends meanwhile) uses the regular send; a retry (<paramref name="alongside"/>) goes alongside the
    /// scheduled sends, ordered by the connection's write gate.
    /// </summary>
    public async Task ResendAsync(ClientSession session, WsClientConnection connection, long sequence, Random random, bool alongside, CancellationToken cancellationToken)
    {
        var intended = session.RecentIntended![sequence & 63];
        var writer = traffic.WriterOf(session.RecentTypes![sequence & 63]);
        var buffer = ArrayPool<byte>.Shared.Rent(writer.MaxLength);
        try
        {
            var stamp = new MessageStamp(session.Id, sequence, intended, time.GetTimestamp(), writer.TypeIndex);
            if (session.RecentSentAt is { } sentAt)
            {
                // The retrier's clock for this message restarts at its latest send.
                sentAt[sequence & 63] = stamp.SentTimestamp;
            }

            var length = writer.Write(buffer, stamp, random.NextDouble(), writer.NeedsWallClock ? time.GetUtcNow().ToUnixTimeMilliseconds() : 0, (uint)random.Next());
            var payload = buffer.AsMemory(0, length);
            await (alongside ? connection.SendAlongsideAsync(payload, writer.IsText, cancellationToken) : connection.SendAsync(payload, writer.IsText, cancellationToken));
            traffic.RecordSent(writer.TypeIndex, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
