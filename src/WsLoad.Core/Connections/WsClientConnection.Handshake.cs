using System.Buffers;

namespace WsLoad.Connections;

internal sealed partial class WsClientConnection
{
    private const int HandshakeBufferSize = 4096;
    private const int MaxResponseHeadBytes = 64 * 1024;

    /// <summary>The upgrade's outcome; <see cref="Leftover"/> is a pooled buffer holding frame bytes read past the headers (or null).</summary>
    private readonly record struct HandshakeResult(string? Subprotocol, byte[]? Leftover, int LeftoverCount);

    /// <summary>Sends the upgrade request and validates the 101. All buffers are pooled and returned (bar the leftover).</summary>
    private static async ValueTask<HandshakeResult> UpgradeAsync(Stream stream, WsConnectRequest request, CancellationToken ct)
    {
        var key = new byte[WsUpgrade.KeyLength];
        WsUpgrade.CreateKey(key);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(HandshakeBufferSize, WsUpgrade.GetMaxRequestLength(request)));
        try
        {
            var length = WsUpgrade.WriteRequest(buffer, request, key);
            await stream.WriteAsync(buffer.AsMemory(0, length), ct);
            await stream.FlushAsync(ct);

            var received = 0;
            while (true)
            {
                if (received == buffer.Length)
                {
                    if (buffer.Length >= MaxResponseHeadBytes)
                    {
                        throw new WsConnectException(WsFailure.Protocol, $"upgrade response headers exceed {MaxResponseHeadBytes} bytes");
                    }

                    buffer = Grow(buffer, received, buffer.Length * 2);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(received), ct);
                if (read == 0)
                {
                    throw new WsConnectException(WsFailure.Reset, "connection closed during the upgrade");
                }

                // Search from just before the new bytes: the terminator may straddle two reads.
                var searchFrom = Math.Max(0, received - 3);
                received += read;
                var end = WsUpgradeResponse.FindHeaderEnd(buffer.AsSpan(searchFrom, received - searchFrom));
                if (end < 0)
                {
                    continue;
                }

                end += searchFrom;
                var subprotocol = WsUpgradeResponse.Validate(buffer.AsSpan(0, end), key, request.Subprotocols);
                return new HandshakeResult(subprotocol, TakeLeftover(buffer, end, received), received - end);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[]? TakeLeftover(byte[] buffer, int start, int end)
    {
        if (end == start)
        {
            return null;
        }

        var leftover = ArrayPool<byte>.Shared.Rent(Math.Max(ReceiveBufferSize, end - start));
        buffer.AsSpan(start, end - start).CopyTo(leftover);
        return leftover;
    }

    private static byte[] Grow(byte[] buffer, int used, int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, used).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        return bigger;
    }
}
