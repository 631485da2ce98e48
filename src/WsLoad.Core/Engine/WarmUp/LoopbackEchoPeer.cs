using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WsLoad.Connections;

namespace WsLoad.Engine.WarmUp;

/// <summary>
/// The smallest WebSocket echo server that the generator's warm-up needs, on a private loopback port: it answers the
/// upgrade (taking the first offered subprotocol, declining extensions), echoes data frames as they come, answers pings
/// and closes. It is not a test server (that is <c>wsload serve</c>): it only gives the client's code paths a peer.
/// Started with a certificate it speaks TLS (<c>wss://</c>), so that a <c>wss://</c> run's handshake code is warm too.
/// </summary>
internal sealed class LoopbackEchoPeer : IAsyncDisposable
{
    private const int MaxRequestBytes = 16 * 1024;
    private const int MaxFrameBytes = 16 * 1024 * 1024;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private readonly SslServerAuthenticationOptions? _tls;

    private LoopbackEchoPeer(Socket listener, X509Certificate2? certificate)
    {
        _listener = listener;
        if (certificate is not null)
        {
            _tls = new SslServerAuthenticationOptions
            {
                ServerCertificateContext = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true),
            };
        }

        _accepting = Task.Run(AcceptAsync, CancellationToken.None);
    }

    /// <summary>Where the peer listens: <c>ws://127.0.0.1:port</c>, or <c>wss://</c> when it has a certificate.</summary>
    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Whether the peer speaks TLS.</summary>
    public bool IsTls => _tls is not null;

    /// <summary>Starts listening on a free loopback port; with <paramref name="certificate"/> (and its key) it speaks TLS.</summary>
    public static LoopbackEchoPeer Start(X509Certificate2? certificate = null)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(512);
            return new LoopbackEchoPeer(listener, certificate);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            client.NoDelay = true;
            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        using var _ = client;
        Stream stream = new NetworkStream(client, ownsSocket: false);
        try
        {
            if (_tls is not null)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsServerAsync(_tls, _stop.Token);
            }

            if (await ReadRequestAsync(stream) is not { } request || !TryAnswerUpgrade(request, out var response))
            {
                return;
            }

            await stream.WriteAsync(response, _stop.Token);
            await EchoFramesAsync(stream);
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or InvalidDataException or System.Security.Authentication.AuthenticationException)
        {
            // The client went away or the peer is stopping: nothing to report, the warm-up's own run sees it.
        }
        finally
        {
            await stream.DisposeAsync();
        }
    }

    private async Task<string?> ReadRequestAsync(Stream stream)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), _stop.Token);
            if (read == 0)
            {
                return null;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                return Encoding.ASCII.GetString(buffer, 0, length);
            }
        }

        return null;
    }

    private static bool TryAnswerUpgrade(string request, out byte[] response)
    {
        response = [];
        string? key = null;
        string? protocol = null;
        foreach (var line in request.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))
            {
                key = value;
            }
            else if (name.Equals("Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
            {
                protocol = value.Split(',')[0].Trim();
            }
        }

        if (key is not { Length: WsUpgrade.KeyLength })
        {
            return false;
        }

        Span<byte> accept = stackalloc byte[WsUpgrade.AcceptLength];
        WsUpgrade.ComputeAccept(Encoding.ASCII.GetBytes(key), accept);
        var text = new StringBuilder()
            .Append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ")
            .Append(Encoding.ASCII.GetString(accept))
            .Append("\r\n");
        if (!string.IsNullOrEmpty(protocol))
        {
            text.Append("Sec-WebSocket-Protocol: ").Append(protocol).Append("\r\n");
        }

        response = Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
        return true;
    }

    /// <summary>Echoes each frame as it comes (fragments stay fragments), unmasked as a server sends them.</summary>
    private async Task EchoFramesAsync(Stream stream)
    {
        var header = new byte[14];
        var payload = new byte[4096];
        var frame = new byte[payload.Length + 14];
        while (true)
        {
            await stream.ReadExactlyAsync(header.AsMemory(0, 2), _stop.Token);
            var first = header[0];
            var opcode = (WsOpcode)(first & 0x0F);
            var masked = (header[1] & 0x80) != 0;
            long length = header[1] & 0x7F;
            if (length == 126)
            {
                await stream.ReadExactlyAsync(header.AsMemory(2, 2), _stop.Token);
                length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
            }
            else if (length == 127)
            {
                await stream.ReadExactlyAsync(header.AsMemory(2, 8), _stop.Token);
                length = BinaryPrimitives.ReadInt64BigEndian(header.AsSpan(2));
            }

            if (length is < 0 or > MaxFrameBytes)
            {
                throw new InvalidDataException("frame too large for the warm-up peer");
            }

            uint maskKey = 0;
            if (masked)
            {
                await stream.ReadExactlyAsync(header.AsMemory(10, 4), _stop.Token);
                maskKey = MemoryMarshal.Read<uint>(header.AsSpan(10));
            }

            if (payload.Length < length)
            {
                payload = new byte[length];
                frame = new byte[length + 14];
            }

            var body = payload.AsMemory(0, (int)length);
            await stream.ReadExactlyAsync(body, _stop.Token);
            if (masked)
            {
                WsMask.Apply(body.Span, maskKey);
            }

            if (opcode != WsOpcode.Pong)
            {
                var answer = opcode == WsOpcode.Ping ? WsOpcode.Pong : opcode;
                var written = WsFrameEncoder.WriteFrame(frame, answer, fin: (first & 0x80) != 0, body.Span, masked: false, maskKey: 0, reservedBits: (byte)((first >> 4) & 0x7));
                await stream.WriteAsync(frame.AsMemory(0, written), _stop.Token);
            }

            if (opcode == WsOpcode.Close)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll([_accepting, .. connections]).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
