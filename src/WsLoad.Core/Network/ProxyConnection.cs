using System.Net;
using System.Net.Sockets;

namespace WsLoad.Network;

/// <summary>
/// One accepted connection and its upstream twin, forwarded both ways by two <see cref="ProxyPipe"/>s. An error on
/// either side, or <see cref="Reset"/>, resets both (RST, no FIN), as a broken network path looks to each end.
/// Threading: <see cref="Reset"/> is safe from any thread and idempotent.
/// </summary>
internal sealed class ProxyConnection : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly CancellationTokenSource _aborted = new();
    private int _reset;

    public ProxyConnection(long id, Socket client, EndPoint upstream)
    {
        Id = id;
        _client = client;
        UpstreamEndPoint = upstream;
        _upstream = new Socket(upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    }

    public long Id { get; }

    public EndPoint UpstreamEndPoint { get; }

    /// <summary>True once the connection was reset (by a toxic, the proxy stopping or an error).</summary>
    public bool WasReset => Volatile.Read(ref _reset) != 0;

    /// <summary>Connects upstream, then forwards until both directions end or the connection is reset; never throws.</summary>
    public async Task RunAsync(ToxicSet toxics, ReleaseClock clock)
    {
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeout, clock.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _aborted.Token);
            await _upstream.ConnectAsync(UpstreamEndPoint, linked.Token);
        }
        catch (Exception)
        {
            Reset(); // the client sees its connection refused the only way a proxy can say it: a reset
            Dispose();
            return;
        }

        var token = _aborted.Token;
        var upstream = new ProxyPipe(_client, _upstream, ToxicDirection.Upstream, toxics, clock, _ => Reset());
        var downstream = new ProxyPipe(_upstream, _client, ToxicDirection.Downstream, toxics, clock, _ => Reset());
        await Task.WhenAll(upstream.RunAsync(token), downstream.RunAsync(token));
        Dispose();
    }

    /// <summary>Closes both sockets (gracefully, unless reset before) and frees the token.</summary>
    public void Dispose()
    {
        _client.Dispose();
        _upstream.Dispose();
        _aborted.Dispose();
    }

    /// <summary>Resets both sockets (linger 0, then close: the peer gets an RST) and stops forwarding.</summary>
    public void Reset()
    {
        if (Interlocked.Exchange(ref _reset, 1) != 0)
        {
            return;
        }

        Abort(_client);
        Abort(_upstream);
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Not connected (yet) or already closed: closing is all that is left.
        }

        socket.Dispose();
    }
}
