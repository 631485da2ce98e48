using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace WsLoad.Connections;

internal sealed partial class WsClientConnection
{
    // Linux IP_BIND_ADDRESS_NO_PORT: with a bound source address, pick the port at connect() time so that the
    // 4-tuple, not the source address alone, must be unique (more connections per source address).
    private const int SolIp = 0;
    private const int IpBindAddressNoPort = 24;

    private enum ConnectPhase
    {
        Dns,
        Tcp,
        Tls,
        Upgrade,
    }

    /// <summary>
    /// Opens a connection: DNS (skipped for IP literals), TCP, TLS for wss://, then the upgrade; the receive loop starts
    /// on return. Failures throw <see cref="WsConnectException"/>; cancelling <paramref name="cancellationToken"/> throws
    /// <see cref="OperationCanceledException"/>. <paramref name="state"/> becomes <see cref="State"/> before any handler call.
    /// </summary>
    public static async ValueTask<WsClientConnection> ConnectAsync(
        WsConnectRequest request, IWsConnectionHandler handler, CancellationToken cancellationToken, object? state = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        var secure = request.Url.Scheme switch
        {
            "ws" => false,
            "wss" => true,
            _ => throw new ArgumentException($"not a ws:// or wss:// URL: {request.Url}", nameof(request)),
        };

        var start = Now();
        using var timeout = new CancellationTokenSource(request.ConnectTimeout, request.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var ct = linked.Token;
        var phase = ConnectPhase.Dns;
        Socket? socket = null;
        Stream? stream = null;
        WsTlsHandshake? tls = null;
        try
        {
            var addresses = request.ConnectEndPoint is { } via ? [via.Address] : await ResolveAsync(request, ct);
            var dnsDone = Now();
            phase = ConnectPhase.Tcp;
            socket = await ConnectSocketAsync(addresses, request.ConnectEndPoint?.Port ?? request.Url.Port, request.LocalAddress, ct);
            var tcpDone = Now();
            stream = new NetworkStream(socket, ownsSocket: true);
            if (secure)
            {
                phase = ConnectPhase.Tls;
                tls = request.GetTlsContext().BeginHandshake(TlsTargetHost(request.Url));
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                var options = tls.CreateOptions();
                _ = await WithoutHoldingTheTokenAsync(ssl, async () =>
                {
                    await ssl.AuthenticateAsClientAsync(options, CancellationToken.None);
                    return true;
                }, ct);
                tls.Completed(ssl);
            }

            var tlsDone = Now();
            phase = ConnectPhase.Upgrade;
            var upgradeStream = stream;
            var handshake = await WithoutHoldingTheTokenAsync(stream, () => UpgradeAsync(upgradeStream, request, CancellationToken.None), ct);
            var open = Now();
            await ForgetLastSendBufferAsync(socket);
            var timings = new ConnectTimings(
                start,
                Stopwatch.GetElapsedTime(start, dnsDone),
                Stopwatch.GetElapsedTime(dnsDone, tcpDone),
                secure ? Stopwatch.GetElapsedTime(tcpDone, tlsDone) : TimeSpan.Zero,
                Stopwatch.GetElapsedTime(tlsDone, open),
                open);
            var connection = new WsClientConnection(stream, socket, handler, request, handshake, timings, state);
            connection.Start();
            return connection;
        }
        catch (Exception e)
        {
            stream?.Dispose();
            socket?.Dispose();
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            // A TLS rejection can surface after the handshake too (TLS 1.3 checks client certificates late).
            if (!timeout.IsCancellationRequested && tls?.Explain(e, handshakeDone: phase == ConnectPhase.Upgrade) is { } explanation)
            {
                throw new WsConnectException(WsFailure.Tls, explanation, e);
            }

            if (e is WsConnectException)
            {
                throw;
            }

            throw Classify(e, phase, timeout.IsCancellationRequested);
        }
    }

    /// <summary>
    /// Runs a set-up step (TLS handshake, upgrade) that is cancelled by closing the stream rather than by passing the
    /// token to its reads and writes: a socket keeps the registration of its last read's token in its cached operation
    /// state, so a token handed in here would keep the connect timeout's token sources alive (~400 bytes) for as long
    /// as an idle connection lives.
    /// </summary>
    private static async ValueTask<T> WithoutHoldingTheTokenAsync<T>(Stream stream, Func<ValueTask<T>> step, CancellationToken ct)
    {
        using (ct.UnsafeRegister(static state => ((Stream)state!).Dispose(), stream))
        {
            try
            {
                return await step();
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                throw new OperationCanceledException("connecting was cancelled or timed out", ct);
            }
        }
    }

    /// <summary>Runs the upgrade over a given stream (tests, custom transports). TCP and TLS timings are zero.</summary>
    public static async ValueTask<WsClientConnection> ConnectOverStreamAsync(
        Stream stream, WsConnectRequest request, IWsConnectionHandler handler, CancellationToken cancellationToken,
        object? state = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        var start = Now();
        using var timeout = new CancellationTokenSource(request.ConnectTimeout, request.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var handshake = await UpgradeAsync(stream, request, linked.Token);
            var open = Now();
            var timings = new ConnectTimings(start, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, Stopwatch.GetElapsedTime(start, open), open);
            var connection = new WsClientConnection(stream, null, handler, request, handshake, timings, state);
            connection.Start();
            return connection;
        }
        catch (Exception e) when (e is not WsConnectException && !cancellationToken.IsCancellationRequested)
        {
            throw Classify(e, ConnectPhase.Upgrade, timeout.IsCancellationRequested);
        }
    }

    private static async ValueTask<IPAddress[]> ResolveAsync(WsConnectRequest request, CancellationToken ct)
    {
        var host = request.Url.DnsSafeHost;
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        var addresses = await Dns.GetHostAddressesAsync(host, ct);
        if (request.LocalAddress is { } local)
        {
            addresses = Array.FindAll(addresses, a => a.AddressFamily == local.AddressFamily);
        }

        return addresses.Length > 0
            ? addresses
            : throw new WsConnectException(WsFailure.Dns, $"no usable address for '{host}'");
    }

    /// <summary>Tries each address in turn; the last failure is thrown.</summary>
    private static async ValueTask<Socket> ConnectSocketAsync(IPAddress[] addresses, int port, IPAddress? local, CancellationToken ct)
    {
        for (var i = 0; ; i++)
        {
            var socket = new Socket(addresses[i].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (local is not null)
                {
                    if (OperatingSystem.IsLinux())
                    {
                        socket.SetRawSocketOption(SolIp, IpBindAddressNoPort, [1, 0, 0, 0]);
                    }

                    socket.Bind(new IPEndPoint(local, 0));
                }

                await socket.ConnectAsync(new IPEndPoint(addresses[i], port), ct);
                return socket;
            }
            catch (SocketException) when (i + 1 < addresses.Length)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>The name the server certificate must match: the host without IPv6 brackets (IP literals match IP SANs).</summary>
    private static string TlsTargetHost(Uri url) => url.HostNameType == UriHostNameType.IPv6 ? url.DnsSafeHost : url.IdnHost;

    private static WsConnectException Classify(Exception e, ConnectPhase phase, bool timedOut)
    {
        var where = phase.ToString().ToLowerInvariant();
        if (timedOut && e is OperationCanceledException)
        {
            return new WsConnectException(WsFailure.Timeout, $"connect timed out during {where}", e);
        }

        var failure = (phase, e) switch
        {
            (ConnectPhase.Dns, SocketException) => WsFailure.Dns,
            (_, SocketException s) => WsFailureNames.FromSocketError(s.SocketErrorCode),
            (_, AuthenticationException) => WsFailure.Tls,
            (_, IOException { InnerException: SocketException s }) => WsFailureNames.FromSocketError(s.SocketErrorCode),
            (ConnectPhase.Tls, _) => WsFailure.Tls,
            (_, IOException) => WsFailure.Reset,
            _ => WsFailure.Other,
        };
        return new WsConnectException(failure, $"{failure.ToName()} during {where}: {e.Message}", e);
    }

    /// <summary>
    /// The socket's reusable send operation keeps a reference to the last buffer it sent: after the handshake that is
    /// the upgrade request's pooled 4 KB buffer (or TLS's), long since returned to the pool. An idle connection never
    /// sends again, so 10,000 idle connections would keep ~40 MB alive that the pool has let go of. A zero-byte send
    /// (no packet; the kernel returns at once) swaps it for an empty buffer.
    /// </summary>
    private static async ValueTask ForgetLastSendBufferAsync(Socket socket)
    {
        try
        {
            _ = await socket.SendAsync(ReadOnlyMemory<byte>.Empty, SocketFlags.None);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The connection is already failing; the receive loop will see it.
        }
    }
}
