using WsLoad.Messages;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Messages;

public class StampCodecTests
{
    private static readonly MessageStamp Stamp = new(ConnectionId: 42, Sequence: 7, IntendedTimestamp: 1_000, SentTimestamp: 1_500, TypeIndex: 3);

    [Theory]
    [InlineData(PayloadFormat.Text, 100)]
    [InlineData(PayloadFormat.Text, PayloadWriter.MinTextSize)]
    [InlineData(PayloadFormat.Binary, 38)]
    [InlineData(PayloadFormat.Binary, 70_000)]
    public void A_generated_message_has_the_exact_size_and_reads_back_intact(PayloadFormat format, int size)
    {
        var writer = new PayloadWriter(new MessageType { Format = format, Size = SizeSpec.Fixed(size) }, typeIndex: 3);
        var buffer = new byte[writer.MaxLength];

        var length = writer.Write(buffer, Stamp, sizeDraw: 0.5, unixMillis: 0, random: 0);

        Assert.Equal(size, length);
        Assert.True(StampCodec.TryRead(buffer.AsSpan(0, length), out var read, out var intact));
        Assert.True(intact);
        Assert.Equal(Stamp, read);
    }

    [Theory]
    [InlineData(PayloadFormat.Text)]
    [InlineData(PayloadFormat.Binary)]
    public void Any_changed_byte_is_detected(PayloadFormat format)
    {
        var writer = new PayloadWriter(new MessageType { Format = format, Size = SizeSpec.Fixed(120) }, typeIndex: 0);
        var original = new byte[writer.MaxLength];
        var length = writer.Write(original, Stamp, 0, 0, 0);

        for (var i = 0; i < length; i++)
        {
            var copy = original.AsSpan(0, length).ToArray();
            copy[i] ^= 0x01;
            var found = StampCodec.TryRead(copy, out _, out var intact);
            Assert.False(found && intact, $"a flipped bit at byte {i} went unnoticed");
        }
    }

    [Fact]
    public void Generated_text_is_valid_json()
    {
        var writer = new PayloadWriter(new MessageType { Size = SizeSpec.Fixed(100) }, 0);
        var buffer = new byte[writer.MaxLength];
        var length = writer.Write(buffer, Stamp, 0, 0, 0);

        using var document = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, length));
        Assert.StartsWith("~w1", document.RootElement.GetProperty("wsl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_fills_placeholders_and_carries_the_stamp()
    {
        var type = new MessageType { Template = "{\"id\":\"{{stamp}}\",\"c\":{{connectionId}},\"s\":{{sequence}},\"t\":{{timestamp}},\"r\":{{random}}}" };
        var writer = new PayloadWriter(type, 3);
        var buffer = new byte[writer.MaxLength];

        var length = writer.Write(buffer, Stamp, 0, unixMillis: 1_764_000_000_000, random: 99);

        using var document = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, length));
        var root = document.RootElement;
        Assert.Equal(42, root.GetProperty("c").GetInt32());
        Assert.Equal(7, root.GetProperty("s").GetInt64());
        Assert.Equal(1_764_000_000_000, root.GetProperty("t").GetInt64());
        Assert.Equal(99, root.GetProperty("r").GetInt64());
        Assert.True(StampCodec.TryRead(buffer.AsSpan(0, length), out var read, out var intact));
        Assert.True(intact);
        Assert.Equal(Stamp, read);
    }

    [Fact]
    public void A_message_without_a_stamp_is_not_ours()
    {
        Assert.False(StampCodec.TryRead("hello world, no stamp here"u8, out _, out _));
        Assert.False(StampCodec.TryRead("~w1short"u8, out _, out _));
    }

    [Fact]
    public void Sizes_are_drawn_from_the_spec()
    {
        var writer = new PayloadWriter(new MessageType { Format = PayloadFormat.Binary, Size = SizeSpec.OneOf(64, 128, 256) }, 0);
        var buffer = new byte[writer.MaxLength];
        Assert.Equal(64, writer.Write(buffer, Stamp, 0.0, 0, 0));
        Assert.Equal(128, writer.Write(buffer, Stamp, 0.5, 0, 0));
        Assert.Equal(256, writer.Write(buffer, Stamp, 0.999, 0, 0));

        var ranged = new PayloadWriter(new MessageType { Format = PayloadFormat.Binary, Size = SizeSpec.Range(100, 200) }, 0);
        Assert.Equal(100, ranged.Write(new byte[ranged.MaxLength], Stamp, 0.0, 0, 0));
        Assert.Equal(200, ranged.Write(new byte[ranged.MaxLength], Stamp, 0.99999, 0, 0));
    }
}
