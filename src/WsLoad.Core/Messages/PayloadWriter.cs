using WsLoad.Scenarios;

namespace WsLoad.Messages;

/// <summary>
/// Writes the messages of one <see cref="MessageType"/>: a generated payload of the configured size with the stamp
/// (binary: header then filler; text: a small JSON object <c>{"w":"STAMPxxx…"}</c>, the stamp then padding in one string,
/// so the smallest text message is the stamp in its JSON wrapper and nothing else), or the type's template.
/// Stateless after construction and safe to share between threads.
/// </summary>
internal sealed class PayloadWriter
{
    /// <summary>The smallest generated text message: <c>{"w":"</c> + stamp + <c>"}</c>, 40 bytes.</summary>
    public const int MinTextSize = TextPrefixLength + StampCodec.TextLength + 2;

    public const int MinBinarySize = StampCodec.BinaryLength;

    private const int TextPrefixLength = 6;

    private static readonly byte[] BinaryFiller = CreateFiller();
    private readonly PayloadTemplate? _template;
    private readonly SizeSpec _size;

    public PayloadWriter(MessageType type, ushort typeIndex)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(typeIndex, StampCodec.MaxTextTypeIndex);
        Type = type;
        TypeIndex = typeIndex;
        IsText = type.Format == PayloadFormat.Text || type.Template is not null;
        _size = type.Size;
        _template = type.Template is null ? null : PayloadTemplate.Compile(type.Template);
        NeedsWallClock = type.Template?.Contains("{{timestamp}}", StringComparison.Ordinal) == true;
    }

    public MessageType Type { get; }

    public ushort TypeIndex { get; }

    public bool IsText { get; }

    /// <summary>Whether the message shows the wall clock (a template with <c>{{timestamp}}</c>), so it must be read per message.</summary>
    public bool NeedsWallClock { get; }

    /// <summary>An upper bound on any message this writer produces, for renting a buffer.</summary>
    public int MaxLength => _template?.MaxLength ?? Math.Max(_size.Max, IsText ? MinTextSize : MinBinarySize);

    /// <summary>Writes one message; <paramref name="sizeDraw"/> in [0,1) picks its size within the type's size spec.</summary>
    public int Write(Span<byte> destination, in MessageStamp stamp, double sizeDraw, long unixMillis, uint random)
    {
        if (_template is not null)
        {
            var length = _template.Write(destination, stamp, unixMillis, random, out var stampOffset);
            if (stampOffset >= 0)
            {
                StampCodec.Seal(destination[..length], stampOffset, isText: true, stamp);
            }

            return length;
        }

        var size = DrawSize(sizeDraw);
        return IsText ? WriteText(destination, stamp, size) : WriteBinary(destination, stamp, size);
    }

    private int DrawSize(double draw)
    {
        if (_size.Choices.Count > 0)
        {
            return _size.Choices[Math.Min((int)(draw * _size.Choices.Count), _size.Choices.Count - 1)];
        }

        return _size.Min + (int)(draw * (_size.Max - _size.Min + 1 - 1e-9));
    }

    private static int WriteBinary(Span<byte> destination, in MessageStamp stamp, int size)
    {
        size = Math.Max(size, MinBinarySize);
        StampCodec.WriteBinary(destination, stamp);
        var filler = destination[StampCodec.BinaryLength..size];
        for (var offset = 0; offset < filler.Length; offset += BinaryFiller.Length)
        {
            var chunk = filler[offset..];
            BinaryFiller.AsSpan(0, Math.Min(BinaryFiller.Length, chunk.Length)).CopyTo(chunk);
        }

        StampCodec.Seal(destination[..size], 0, isText: false, stamp);
        return size;
    }

    private static int WriteText(Span<byte> destination, in MessageStamp stamp, int size)
    {
        size = Math.Max(size, MinTextSize);
        "{\"w\":\""u8.CopyTo(destination);
        StampCodec.WriteText(destination[TextPrefixLength..], stamp);
        var padEnd = size - 2;
        destination[(TextPrefixLength + StampCodec.TextLength)..padEnd].Fill((byte)'x');
        "\"}"u8.CopyTo(destination[padEnd..]);
        StampCodec.Seal(destination[..size], TextPrefixLength, isText: true, stamp);
        return size;
    }

    private static byte[] CreateFiller()
    {
        // Fixed pseudo-random filler: cheap to copy, not compressible to nothing, the same in every run.
        var bytes = new byte[4096];
        new Random(20261127).NextBytes(bytes);
        return bytes;
    }
}
