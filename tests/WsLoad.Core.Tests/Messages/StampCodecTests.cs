using WsLoad.Messages;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Messages;

public class StampCodecTests
{
    private static readonly MessageStamp Stamp = new(ConnectionId: 42, Sequence: 7, IntendedTimestamp: 1_000, SentTimestamp: 1_500, TypeIndex: 3);

    /// <summary>What the receiving connection knows: its id, the last sequence it sent, and the time (2,000 ticks after the send).</summary>
    private static readonly StampContext Context = new(ConnectionId: 42, LastSequence: 9, Now: 3_500);

    [Theory]
    [InlineData(PayloadFormat.Text, 100)]
    [InlineData(PayloadFormat.Text, PayloadWriter.MinTextSize)]
    [InlineData(PayloadFormat.Text, PayloadWriter.MinTextSize + 1)]
    [InlineData(PayloadFormat.Binary, 38)]
    [InlineData(PayloadFormat.Binary, 70_000)]
    public void A_generated_message_has_the_exact_size_and_reads_back_intact(PayloadFormat format, int size)
    {
        var writer = new PayloadWriter(new MessageType { Format = format, Size = SizeSpec.Fixed(size) }, typeIndex: 3);
        var buffer = new byte[writer.MaxLength];

        var length = writer.Write(buffer, Stamp, sizeDraw: 0.5, unixMillis: 0, random: 0);

        Assert.Equal(size, length);
        Assert.True(StampCodec.TryRead(buffer.AsSpan(0, length), Context, out var read, out var intact));
        Assert.True(intact);
        Assert.Equal(Stamp, read);
    }

    [Fact]
    public void The_text_stamp_round_trips_at_its_minimum_size()
    {
        Assert.Equal(40, PayloadWriter.MinTextSize);
        Assert.Equal(32, StampCodec.TextLength);
        var writer = new PayloadWriter(new MessageType { Size = SizeSpec.Fixed(40) }, typeIndex: 3);
        var buffer = new byte[writer.MaxLength];

        var length = writer.Write(buffer, Stamp, 0, 0, 0);

        var text = System.Text.Encoding.ASCII.GetString(buffer, 0, length);
        Assert.Matches("^\\{\"w\":\"~w2[A-Za-z0-9_-]{29}\"\\}$", text);
        Assert.True(StampCodec.TryRead(buffer.AsSpan(0, length), Context, out var read, out var intact));
        Assert.True(intact);
        Assert.Equal(Stamp, read);
    }

    [Theory]
    [InlineData(PayloadFormat.Text, PayloadWriter.MinTextSize)]
    [InlineData(PayloadFormat.Text, 120)]
    [InlineData(PayloadFormat.Binary, PayloadWriter.MinBinarySize)]
    [InlineData(PayloadFormat.Binary, 120)]
    public void Any_changed_byte_is_detected(PayloadFormat format, int size)
    {
        var writer = new PayloadWriter(new MessageType { Format = format, Size = SizeSpec.Fixed(size) }, typeIndex: 0);
        var original = new byte[writer.MaxLength];
        var length = writer.Write(original, Stamp, 0, 0, 0);

        for (var i = 0; i < length; i++)
        {
            for (var value = 0; value < 256; value++)
            {
                if (value == original[i])
                {
                    continue;
                }

                var copy = original.AsSpan(0, length).ToArray();
                copy[i] = (byte)value;
                var found = StampCodec.TryRead(copy, Context, out _, out var intact);
                Assert.False(found && intact, $"byte {i} changed to {value} went unnoticed");
            }
        }
    }

    [Fact]
    public void Generated_text_is_valid_json()
    {
        foreach (var size in new[] { 40, 45, 100 })
        {
            var writer = new PayloadWriter(new MessageType { Size = SizeSpec.Fixed(size) }, 0);
            var buffer = new byte[writer.MaxLength];
            var length = writer.Write(buffer, Stamp, 0, 0, 0);

            using var document = System.Text.Json.JsonDocument.Parse(buffer.AsMemory(0, length));
            Assert.StartsWith("~w2", document.RootElement.GetProperty("w").GetString(), StringComparison.Ordinal);
        }
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
        Assert.True(StampCodec.TryRead(buffer.AsSpan(0, length), Context, out var read, out var intact));
        Assert.True(intact);
        Assert.Equal(Stamp, read);
    }

    [Theory]
    [InlineData("{{stamp}}", 32)]
    [InlineData("{\"type\":\"ping\",\"id\":\"{{stamp}}\"}", 55)]
    public void A_small_template_carries_the_stamp_in_32_bytes_and_a_reply_field_names_it(string template, int size)
    {
        var writer = new PayloadWriter(new MessageType { Template = template }, 3);
        var buffer = new byte[writer.MaxLength];

        var length = writer.Write(buffer, Stamp, 0, 0, 0);

        Assert.Equal(size, length);
        Assert.True(StampCodec.TryRead(buffer.AsSpan(0, length), Context, out var read, out var intact) && intact);
        Assert.Equal(Stamp, read);

        // A reply that copies just the stamp (expect: reply) names the message; the checksum covers the whole request.
        var stampOnly = buffer.AsSpan(template.IndexOf("{{stamp}}", StringComparison.Ordinal), StampCodec.TextLength);
        Assert.True(StampCodec.TryRead(stampOnly, Context, out var named, out _));
        Assert.Equal(Stamp, named);
    }

    [Fact]
    public void A_message_without_a_stamp_is_not_ours()
    {
        var context = Context;
        Assert.False(StampCodec.TryRead("hello world, no stamp here"u8, context, out _, out _));
        Assert.False(StampCodec.TryRead("~w2short"u8, context, out _, out _));
        Assert.False(StampCodec.TryRead("~w2AAAAAAAAAAAAAA+AAAAAAAAAAAAAA"u8, context, out _, out _)); // not base64url
        Assert.False(StampCodec.TryRead("{\"wsl\":\"~w1AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}"u8, context, out _, out _)); // the old form
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
