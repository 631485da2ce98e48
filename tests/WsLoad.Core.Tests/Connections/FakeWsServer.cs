using System.Text;
using System.Text.RegularExpressions;
using WsLoad.Connections;

namespace WsLoad.Tests.Connections;

/// <summary>The server end of an in-memory connection: writes canned upgrade responses and raw frames, reads client frames.</summary>
internal sealed partial class FakeWsServer(Stream stream)
{
    private readonly byte[] _data = new byte[1 << 20];
    private int _count;

    public string? Request { get; private set; }

    /// <summary>Reads the upgrade request and answers 101 (or <paramref name="statusLine"/>), followed by <paramref name="extra"/> bytes.</summary>
    public async Task AcceptAsync(CancellationToken ct, string? statusLine = null, byte[]? extra = null)
    {
        int end;
        while ((end = _data.AsSpan(0, _count).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await FillAsync(ct);
        }

        Request = Encoding.ASCII.GetString(_data, 0, end + 4);
        Consume(end + 4);
        var key = KeyHeader().Match(Request).Groups[1].Value;
        var accept = new byte[WsUpgrade.AcceptLength];
        WsUpgrade.ComputeAccept(Encoding.ASCII.GetBytes(key), accept);
        var response = statusLine is null
            ? $"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {Encoding.ASCII.GetString(accept)}\r\n\r\n"
            : $"{statusLine}\r\nContent-Length: 0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response).Concat(extra ?? []).ToArray(), ct);
    }

    public async Task<(WsFrameHeader Header, byte[] Payload)> ReadFrameAsync(CancellationToken ct)
    {
        while (true)
        {
            var status = WsFrameDecoder.TryReadHeader(_data.AsSpan(0, _count), expectMasked: true, out var header, out var error);
            Assert.NotEqual(WsDecodeStatus.ProtocolError, status);
            if (status == WsDecodeStatus.Ok && _count >= header.FrameLength)
            {
                var payload = _data.AsSpan(header.HeaderLength, (int)header.PayloadLength).ToArray();
                WsMask.Apply(payload, header.MaskKey);
                Consume((int)header.FrameLength);
                return (header, payload);
            }

            await FillAsync(ct);
        }
    }

    public Task SendAsync(WsOpcode opcode, bool fin, byte[] payload, CancellationToken ct) =>
        SendRawAsync(Frame(opcode, fin, payload), ct);

    public async Task SendRawAsync(byte[] bytes, CancellationToken ct) => await stream.WriteAsync(bytes, ct);

    /// <summary>True when the client has closed its side (read returns 0 or the stream is gone).</summary>
    public async Task<bool> ReadsEndAsync(CancellationToken ct)
    {
        try
        {
            return await stream.ReadAsync(new byte[1], ct) == 0;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    public static byte[] Frame(WsOpcode opcode, bool fin, byte[] payload, byte reservedBits = 0)
    {
        var frame = new byte[payload.Length + WsFrameDecoder.MaxHeaderLength];
        var n = WsFrameEncoder.WriteFrame(frame, opcode, fin, payload, masked: false, 0, reservedBits);
        return frame[..n];
    }

    public static byte[] ClosePayload(ushort code, string reason = "")
    {
        var buffer = new byte[125];
        return buffer[..WsFrameEncoder.WriteClosePayload(buffer, code, reason)];
    }

    private async Task FillAsync(CancellationToken ct)
    {
        var read = await stream.ReadAsync(_data.AsMemory(_count), ct);
        if (read == 0)
        {
            throw new EndOfStreamException("client closed the stream");
        }

        _count += read;
    }

    private void Consume(int length)
    {
        _data.AsSpan(length, _count - length).CopyTo(_data);
        _count -= length;
    }

    [GeneratedRegex("Sec-WebSocket-Key: (\\S+)")]
    private static partial Regex KeyHeader();
}
