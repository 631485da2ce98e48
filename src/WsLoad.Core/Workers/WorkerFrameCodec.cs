using System.Buffers.Binary;
using System.Text.Json;
using WsLoad.Results;

namespace WsLoad.Workers;

/// <summary>
/// The wire form of <see cref="WorkerMessage"/>s over a byte stream (a Unix socket between a controller and its
/// workers): an 8-byte header, then the message as UTF-8 JSON in run.json's conventions. The header is the magic
/// <c>WL</c>, the protocol <see cref="Version"/> (16 bits) and the body's length (32 bits), big-endian, so a reader
/// refuses another program or another version before it parses anything. Threading: one reader and one writer per
/// stream; <see cref="WriteAsync"/> writes a frame in one call so frames never interleave when callers take turns.
/// </summary>
public static class WorkerFrameCodec
{
    /// <summary>The protocol version this build speaks. A change that an older reader would misread bumps it.</summary>
    public const ushort Version = 1;

    /// <summary>The largest body accepted; an interval snapshot is tens of KB, a final record with its failures a few MB.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    private const int HeaderBytes = 8;
    private const byte MagicW = (byte)'W';
    private const byte MagicL = (byte)'L';

    private static readonly JsonSerializerOptions Json = new(RunResultJson.Options) { WriteIndented = false };

    /// <summary>Writes <paramref name="message"/> as one frame and flushes.</summary>
    public static async ValueTask WriteAsync(Stream stream, WorkerMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, Json);
        if (body.Length > MaxBodyBytes)
        {
            throw new WorkerProtocolException($"a {message.GetType().Name} of {body.Length:N0} bytes is larger than a frame may be ({MaxBodyBytes:N0})");
        }

        var frame = new byte[HeaderBytes + body.Length];
        frame[0] = MagicW;
        frame[1] = MagicL;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), Version);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)body.Length);
        body.CopyTo(frame.AsSpan(HeaderBytes));
        await stream.WriteAsync(frame, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>The next message, or null when the stream ended cleanly between frames.</summary>
    /// <exception cref="WorkerProtocolException">The stream does not hold a frame of this protocol and version, or ended inside one.</exception>
    public static async ValueTask<WorkerMessage?> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new byte[HeaderBytes];
        var got = await stream.ReadAtLeastAsync(header, HeaderBytes, throwOnEndOfStream: false, cancellationToken);
        if (got == 0)
        {
            return null;
        }

        if (got < HeaderBytes)
        {
            throw new WorkerProtocolException($"the stream ended {got} bytes into a frame header");
        }

        if (header[0] != MagicW || header[1] != MagicL)
        {
            throw new WorkerProtocolException($"not a wsload worker frame (it starts 0x{header[0]:x2}{header[1]:x2}, not 'WL')");
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
        if (version != Version)
        {
            throw new WorkerProtocolException($"a worker frame of protocol version {version}; this wsload speaks version {Version}. "
                + "Run the controller and its workers from the same wsload build");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        if (length > MaxBodyBytes)
        {
            throw new WorkerProtocolException($"a worker frame of {length:N0} bytes, larger than a frame may be ({MaxBodyBytes:N0})");
        }

        var body = new byte[length];
        got = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken);
        if (got < body.Length)
        {
            throw new WorkerProtocolException($"the stream ended {got:N0} bytes into a frame body of {length:N0}");
        }

        try
        {
            return JsonSerializer.Deserialize<WorkerMessage>(body, Json) ?? throw new WorkerProtocolException("a worker frame holds null");
        }
        catch (JsonException exception)
        {
            throw new WorkerProtocolException($"a worker frame's body is not a message: {exception.Message}", exception);
        }
    }
}
