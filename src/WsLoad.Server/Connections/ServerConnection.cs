using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Connections;

/// <summary>
/// One accepted WebSocket connection. Threading: one receive loop (<see cref="SessionRunner"/>) receives;
/// sends, closes and aborts may come from any thread and a send gate keeps at most one send (data or close
/// frame) in flight, as <see cref="WebSocket"/> requires.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim needs disposing only when its wait handle is used, which it never is; disposing it while a queued send may still release it would throw.")]
internal sealed class ServerConnection
{
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly HttpContext _http;
    private readonly ServerCounters _counters;
    private int _closeStarted;
    private int _ended;
    private ITimer? _closeDeadline;

    public ServerConnection(long id, WebSocket socket, HttpContext http, string? channel, ServerCounters counters, TimeProvider timeProvider)
    {
        Id = id;
        Socket = socket;
        _http = http;
        Channel = channel;
        _counters = counters;
        PushStartTimestamp = timeProvider.GetTimestamp();
    }

    public long Id { get; }

    public WebSocket Socket { get; }

    /// <summary>The broadcast channel from the <c>channel</c> query parameter, or null for "every client".</summary>
    public string? Channel { get; }

    /// <summary>The send queue (broadcast and push modes only); drained by one task at a time.</summary>
    public OutboundQueue? Outbound { get; set; }

    /// <summary>Broadcast mode: the counters of this connection's channel (set when it opens).</summary>
    public ChannelCounters? BroadcastChannel { get; set; }

    /// <summary>Echo and ack modes: replies waiting for a delay or a stall; created on first use. Touched by the receive loop only.</summary>
    public HeldReplies? Held { get; set; }

    /// <summary>Push mode: when this connection's push schedule started. Read by its push loop only.</summary>
    public long PushStartTimestamp { get; }

    /// <summary>Push mode: messages scheduled so far. Touched by this connection's push loop only.</summary>
    public long PushScheduled { get; set; }

    /// <summary>Push mode: the last seq sent. Touched by the (single) drain of <see cref="Outbound"/> only.</summary>
    public long PushSequence { get; set; }

    /// <summary>Messages received. Touched by the receive loop only.</summary>
    public long MessagesReceived { get; set; }

    public bool IsClosing => Volatile.Read(ref _closeStarted) != 0;

    /// <summary>Sends one whole message; returns false (and sends nothing) once the connection is closing.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> payload, WebSocketMessageType type)
    {
        await _sendGate.WaitAsync();
        try
        {
            if (IsClosing || Socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return false;
            }

            await Socket.SendAsync(payload, type, endOfMessage: true, CancellationToken.None);
            _counters.MessageOut(payload.Length);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            return false; // the peer went away; the receive loop sees it too and ends the session
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>
    /// Starts the close handshake with this status (once; later calls do nothing) and aborts the connection if
    /// the client has not completed it within <paramref name="timeout"/>.
    /// </summary>
    /// <remarks>
    /// The deadline runs on the system clock on purpose: a fake clock in tests must not freeze this safety net.
    /// It is armed before waiting for the send gate, so a send stuck on a slow client cannot hold the close up.
    /// </remarks>
    public async Task CloseAsync(WebSocketCloseStatus status, string? reason, TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _closeStarted, 1) != 0)
        {
            return;
        }

        _closeDeadline = TimeProvider.System.CreateTimer(static state => ((ServerConnection)state!).Abort(), this, timeout, Timeout.InfiniteTimeSpan);
        await _sendGate.WaitAsync();
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Socket.CloseOutputAsync(status, reason, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            Abort();
        }
        finally
        {
            _sendGate.Release();
        }
    }

    /// <summary>Drops the TCP connection without a close frame (the client sees 1006). Safe from any thread, repeatable.</summary>
    public void Abort()
    {
        Interlocked.Exchange(ref _closeStarted, 1);
        if (Volatile.Read(ref _ended) != 0)
        {
            return; // the request is over; its HttpContext may already serve someone else
        }

        try
        {
            Socket.Abort();
            _http.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The request ended between the check above and here: the connection is gone already.
        }
    }

    /// <summary>Called once by the session when its receive loop is over.</summary>
    public void MarkEnded()
    {
        Volatile.Write(ref _ended, 1);
        _closeDeadline?.Dispose();
        Outbound?.Clear();
        Held?.Dispose();
    }
}
