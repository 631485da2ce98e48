using System.Buffers;

namespace WsLoad.Messages;

/// <summary>
/// The text stamp: <c>~w2</c> then 29 base64url digits, 174 bits, most significant first:
/// <c>connection id (low 18 bits) | type (8) | sequence (low 24) | send delay (44) | sent ts (low 48) | checksum (32)</c>.
/// The receiver restores the full values from its <see cref="StampContext"/>, exactly while the connection ids of a run
/// differ in their low 18 bits (any run of up to 262,144 connections), fewer than 2^24 messages are sent on the
/// connection between a message and its answer, and the answer comes within 2^48 ticks of the send (78 hours at
/// 1 GHz, the Stopwatch frequency on Linux). Past these bounds a restored value is wrong and the checksum, computed
/// over the full values, says so: the message counts as corrupted, never as a wrong latency or sequence (replies
/// correlated by a field carry no checksum of theirs, so there the bounds are assumed).
/// The intended time travels as the send delay (sent − intended), which saturates at <see cref="MaxTextDelayTicks"/>
/// (4.9 hours at 1 GHz): the stamp then says the message was meant that long before its send. Its response time is
/// over an hour either way, and latencies are recorded up to an hour (LatencyRecorder.HighestTrackableMicros), so the
/// recorded value is the same. An intended time after the send time is stamped as the send time (the engine never
/// sends early).
/// </summary>
internal static partial class StampCodec
{
    /// <summary>The text token's length: the marker and 29 digits.</summary>
    public const int TextLength = 32;

    /// <summary>The highest message type index a text stamp carries (it has 8 bits for it).</summary>
    public const int MaxTextTypeIndex = (1 << TypeBits) - 1;

    /// <summary>The longest send delay (sent − intended) a text stamp carries, in timestamp ticks.</summary>
    public const long MaxTextDelayTicks = (1L << DelayBits) - 1;

    private const int ConnectionBits = 18;
    private const int TypeBits = 8;
    private const int SequenceBits = 24;
    private const int DelayBits = 44;
    private const int SentBits = 48;
    private const int ChecksumBits = 32;
    private const int Digits = 29; // (18 + 8 + 24 + 44 + 48 + 32) / 6

    private static readonly SearchValues<byte> DigitValues = SearchValues.Create(Alphabet);
    private static readonly byte[] DigitOf = CreateDigitTable();

    private static ReadOnlySpan<byte> TextMarker => "~w2"u8;

    private static ReadOnlySpan<byte> Alphabet => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8;

    /// <summary>Writes the 32-character text token with a zero checksum; call <see cref="Seal"/> once the whole message is written.</summary>
    public static void WriteText(Span<byte> destination, in MessageStamp stamp, uint checksum = 0)
    {
        var text = AsText(stamp);
        TextMarker.CopyTo(destination);
        var digits = new DigitWriter(destination.Slice(TextMarker.Length, Digits));
        digits.Write((uint)text.ConnectionId, ConnectionBits);
        digits.Write(text.TypeIndex, TypeBits);
        digits.Write((ulong)text.Sequence, SequenceBits);
        digits.Write((ulong)text.SentTimestamp - (ulong)text.IntendedTimestamp, DelayBits);
        digits.Write((ulong)text.SentTimestamp, SentBits);
        digits.Write(checksum, ChecksumBits);
    }

    /// <summary>The stamp as a text stamp carries it: its send delay clamped to [0, <see cref="MaxTextDelayTicks"/>].</summary>
    private static MessageStamp AsText(in MessageStamp stamp)
    {
        if (stamp.IntendedTimestamp > stamp.SentTimestamp)
        {
            return stamp with { IntendedTimestamp = stamp.SentTimestamp };
        }

        // Unsigned: the difference of any two timestamps, the one not after the other, fits.
        return (ulong)stamp.SentTimestamp - (ulong)stamp.IntendedTimestamp > MaxTextDelayTicks
            ? stamp with { IntendedTimestamp = stamp.SentTimestamp - MaxTextDelayTicks }
            : stamp;
    }

    /// <summary>Decodes a 32-character token (marker included) and restores its full values from <paramref name="context"/>.</summary>
    private static bool TryReadText(ReadOnlySpan<byte> token, in StampContext context, out MessageStamp stamp, out uint checksum)
    {
        var encoded = token[TextMarker.Length..];
        if (encoded.IndexOfAnyExcept(DigitValues) >= 0)
        {
            stamp = default;
            checksum = 0;
            return false;
        }

        var digits = new DigitReader(encoded);
        var connection = (uint)digits.Read(ConnectionBits);
        var type = (ushort)digits.Read(TypeBits);
        var sequence = Restore(context.LastSequence, digits.Read(SequenceBits), SequenceBits);
        var delay = (long)digits.Read(DelayBits);
        var sent = Restore(context.Now, digits.Read(SentBits), SentBits);
        checksum = (uint)digits.Read(ChecksumBits);

        // The connection id's other bits are the receiving connection's: a different id when the low bits differ.
        var id = (int)(((uint)context.ConnectionId & ~(uint)Mask(ConnectionBits)) | connection);
        stamp = new MessageStamp(id, sequence, sent - delay, sent, type);
        return true;
    }

    /// <summary>The latest value not after <paramref name="reference"/> whose low <paramref name="bits"/> are <paramref name="low"/>.</summary>
    private static long Restore(long reference, ulong low, int bits) =>
        unchecked(reference - (long)(((ulong)reference - low) & Mask(bits)));

    private static ulong Mask(int bits) => (1UL << bits) - 1;

    private static byte[] CreateDigitTable()
    {
        var table = new byte[256];
        for (var i = 0; i < Alphabet.Length; i++)
        {
            table[Alphabet[i]] = (byte)i;
        }

        return table;
    }

    /// <summary>Writes fields of up to 58 bits as base64url digits, most significant bit first.</summary>
    private ref struct DigitWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;
        private int _next;
        private ulong _bits;
        private int _count;

        public void Write(ulong value, int bits)
        {
            _bits = (_bits << bits) | (value & Mask(bits));
            _count += bits;
            while (_count >= 6)
            {
                _count -= 6;
                _destination[_next++] = Alphabet[(int)((_bits >> _count) & 63)];
            }
        }
    }

    /// <summary>Reads back what <see cref="DigitWriter"/> wrote, from digits already checked to be base64url.</summary>
    private ref struct DigitReader(ReadOnlySpan<byte> digits)
    {
        private readonly ReadOnlySpan<byte> _digits = digits;
        private int _next;
        private ulong _bits;
        private int _count;

        public ulong Read(int bits)
        {
            while (_count < bits)
            {
                _bits = (_bits << 6) | DigitOf[_digits[_next++]];
                _count += 6;
            }

            _count -= bits;
            return (_bits >> _count) & Mask(bits);
        }
    }
}
