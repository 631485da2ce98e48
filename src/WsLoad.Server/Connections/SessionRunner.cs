using System.Buffers;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using WsLoad.Server.Faults;
using WsLoad.Server.Modes;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Connections;

/// <summary>
/// The receive loop of a connection: reads whole messages (however fragmented) into a pooled buffer, hands
/// them to the mode, applies per-message faults, and completes the close handshake.
/// Threading: one <see cref="RunAsync"/> per connection; the runner itself is shared and stateless.
/// </summary>
internal sealed class SessionRunner(IConnectionMode mode, FaultPolicy faults, ServerCounters counters, int maxMessageBytes, TimeSpan closeTimeout, ILogger logger)
{
    /// <summary>Modest on purpose: 10,000 idle connections each hold one. Bigger messages borrow a bigger buffer for a moment.</summary>
    internal const int InitialBufferSize = 4 * 1024;

    public async Task RunAsync(ServerConnection connection)
    {
        var socket = connection.Socket;
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            while (true)
            {
                var length = 0;
                var tooBig = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length);
                    }

                    // CancellationToken.None: no registration per receive; Abort() ends a pending receive.
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                    if (length > maxMessageBytes)
                    {
                        tooBig = true;
                        length = 0; // discard the rest of the message as it arrives
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (connection.Held is { } held)
                    {
                        await held.FlushAsync(closeTimeout); // replies still held go out before our close frame
                    }

                    await AnswerCloseAsync(connection);
                    return;
                }

                if (tooBig)
                {
                    await connection.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too big", closeTimeout);
                    continue;
                }

                connection.MessagesReceived++;
                counters.MessageIn(length);
                if (faults.AbortOnMessage(connection))
                {
                    return;
                }

                if (!connection.IsClosing)
                {
                    await mode.OnMessageAsync(connection, buffer.AsMemory(0, length), result.MessageType);
                }

                await faults.AfterMessageAsync(connection);
                if (buffer.Length > InitialBufferSize)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // A reset, an abort (fault, stop or close deadline) or a protocol error: routine under load.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Connection {Id} ended: {Reason}", connection.Id, ex.Message);
            }
        }
        catch (Exception ex)
        {
            // Anything else is a server bug; it ends this connection only, and is worth seeing.
            logger.LogWarning(ex, "Connection {Id} failed", connection.Id);
            connection.Abort();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task AnswerCloseAsync(ServerConnection connection)
    {
        var socket = connection.Socket;
        if (socket.State != WebSocketState.CloseReceived)
        {
            return Task.CompletedTask; // we started the handshake; the client's answer completes it
        }

        var status = socket.CloseStatus ?? WebSocketCloseStatus.Empty;
        var reason = status == WebSocketCloseStatus.Empty ? null : socket.CloseStatusDescription;
        return connection.CloseAsync(status, reason, closeTimeout);
    }

    private static byte[] Grow(byte[] buffer, int length)
    {
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(length * 2L, Array.MaxLength));
        buffer.AsSpan(0, length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
