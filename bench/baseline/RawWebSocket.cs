using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace RawEcho;

/// <summary>
/// A WebSocket client with nothing in it but a blocking socket: a hand-written upgrade request, one pre-encoded
/// masked text frame sent again and again, and the server's unmasked echo read back in place. No framing library,
/// no async, no thread pool, no allocation per message.
/// Threading: one instance belongs to one thread.
/// </summary>
internal sealed class RawWebSocket : IDisposable
{
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private readonly Socket _socket;
    private readonly byte[] _frame;
    private readonly byte[] _payload;
    private readonly byte[] _echo;
    private readonly byte[] _header = new byte[14];

    private RawWebSocket(Socket socket, byte[] payload)
    {
        _socket = socket;
        _payload = payload;
        _frame = MaskedFrame(0x81, payload);
        _echo = new byte[payload.Length];
    }

    /// <summary>Connects, sends the upgrade request and checks the 101 response and its Sec-WebSocket-Accept.</summary>
    public static RawWebSocket Open(Uri url, byte[] payload)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(new IPEndPoint(IPAddress.Parse(url.Host), url.Port));
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\n"
                + $"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            SendAll(socket, Encoding.ASCII.GetBytes(request));

            var response = ReadResponseHead(socket);
#pragma warning disable CA5350 // RFC 6455 defines Sec-WebSocket-Accept with SHA-1; it is not used for security here
            var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
            if (!response.StartsWith("HTTP/1.1 101", StringComparison.Ordinal)
                || !response.Contains("Sec-WebSocket-Accept: " + accept, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("upgrade refused: " + response.Split("\r\n")[0]);
            }

            return new RawWebSocket(socket, payload);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends the message and blocks until its echo has been read; returns false when the echo differs.</summary>
    public bool RoundTrip()
    {
        SendAll(_socket, _frame);
        while (true)
        {
            var (opcode, length) = ReadFrameHeader();
            if (opcode == 0xA)
            {
                Skip(length); // an unsolicited pong (keep-alive): not our echo
                continue;
            }

            if (opcode != 0x1 || length != _echo.Length)
            {
                throw new InvalidOperationException($"unexpected frame: opcode {opcode:x}, {length} bytes");
            }

            ReadExactly(_echo);
            return _echo.AsSpan().SequenceEqual(_payload);
        }
    }

    /// <summary>Sends a close frame (1000), waits for the server's close frame and shuts the socket down.</summary>
    public void Close()
    {
        SendAll(_socket, MaskedFrame(0x88, [0x03, 0xE8]));
        while (ReadFrameHeader() is var (opcode, length) && opcode != 0x8)
        {
            Skip(length);
        }

        _socket.Shutdown(SocketShutdown.Both);
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>A final frame from the client: masked, as RFC 6455 requires of every client frame.</summary>
    private static byte[] MaskedFrame(byte firstByte, byte[] payload)
    {
        var lengthBytes = payload.Length < 126 ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + 4 + payload.Length];
        frame[0] = firstByte;
        frame[1] = (byte)(0x80 | (lengthBytes == 0 ? payload.Length : lengthBytes == 2 ? 126 : 127));
        for (var i = 0; i < lengthBytes; i++)
        {
            frame[2 + i] = (byte)((long)payload.Length >> (8 * (lengthBytes - 1 - i)));
        }

        var maskAt = 2 + lengthBytes;
        RandomNumberGenerator.Fill(frame.AsSpan(maskAt, 4));
        for (var i = 0; i < payload.Length; i++)
        {
            frame[maskAt + 4 + i] = (byte)(payload[i] ^ frame[maskAt + (i % 4)]);
        }

        return frame;
    }

    private (int Opcode, long Length) ReadFrameHeader()
    {
        ReadExactly(_header.AsSpan(0, 2));
        if ((_header[0] & 0x80) == 0 || (_header[1] & 0x80) != 0)
        {
            throw new InvalidOperationException("a fragmented or masked frame from the server");
        }

        long length = _header[1] & 0x7F;
        var extra = length == 126 ? 2 : length == 127 ? 8 : 0;
        if (extra > 0)
        {
            ReadExactly(_header.AsSpan(2, extra));
            length = 0;
            for (var i = 0; i < extra; i++)
            {
                length = (length << 8) | _header[2 + i];
            }
        }

        return (_header[0] & 0x0F, length);
    }

    private void Skip(long length)
    {
        var scratch = new byte[Math.Min(length, 4096)];
        while (length > 0)
        {
            var chunk = (int)Math.Min(length, scratch.Length);
            ReadExactly(scratch.AsSpan(0, chunk));
            length -= chunk;
        }
    }

    private void ReadExactly(Span<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var read = _socket.Receive(buffer);
            if (read == 0)
            {
                throw new InvalidOperationException("the server closed the connection");
            }

            buffer = buffer[read..];
        }
    }

    private static void SendAll(Socket socket, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            data = data[socket.Send(data)..];
        }
    }

    /// <summary>Reads byte by byte up to the blank line, so not one byte of a following frame is consumed.</summary>
    private static string ReadResponseHead(Socket socket)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (socket.Receive(one) == 0 || head.Length > 8192)
            {
                throw new InvalidOperationException("no complete upgrade response");
            }

            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
