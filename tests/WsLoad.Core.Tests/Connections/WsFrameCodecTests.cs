using WsLoad.Connections;

namespace WsLoad.Tests.Connections;

public class WsFrameCodecTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(125, false)]
    [InlineData(126, false)]
    [InlineData(65535, false)]
    [InlineData(65536, false)]
    [InlineData(0, true)]
    [InlineData(125, true)]
    [InlineData(126, true)]
    [InlineData(65535, true)]
    [InlineData(65536, true)]
    [InlineData(100_003, true)]
    public void Frames_round_trip_in_every_length_form(int length, bool masked)
    {
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        var frame = new byte[length + WsFrameDecoder.MaxHeaderLength];
        const uint maskKey = 0xA1B2C3D4;

        var written = WsFrameEncoder.WriteFrame(frame, WsOpcode.Binary, fin: true, payload, masked, maskKey);

        Assert.Equal(WsFrameEncoder.GetHeaderLength(length, masked) + length, written);
        var status = WsFrameDecoder.TryReadHeader(frame.AsSpan(0, written), masked, out var header, out var error);
        Assert.Equal(WsDecodeStatus.Ok, status);
        Assert.Null(error);
        Assert.Equal(new WsFrameHeader(true, 0, WsOpcode.Binary, masked, masked ? maskKey : 0, length, written - length), header);
        var body = frame.AsSpan(header.HeaderLength, length);
        if (masked)
        {
            Assert.True(length == 0 || !body.SequenceEqual(payload));
            WsMask.Apply(body, header.MaskKey);
        }

        Assert.True(body.SequenceEqual(payload));
    }

    [Theory]
    [InlineData(125, 2)]
    [InlineData(126, 4)]
    [InlineData(65535, 4)]
    [InlineData(65536, 10)]
    public void Length_forms_switch_at_the_rfc_boundaries(int length, int headerLength)
    {
        Assert.Equal(headerLength, WsFrameEncoder.GetHeaderLength(length, masked: false));
        Assert.Equal(headerLength + 4, WsFrameEncoder.GetHeaderLength(length, masked: true));
    }

    [Fact]
    public void Masking_matches_the_rfc_byte_by_byte_rule_for_every_length()
    {
        byte[] key = [0x37, 0xFA, 0x21, 0x3D];
        var maskKey = BitConverter.ToUInt32(key);
        for (var length = 0; length < 200; length++)
        {
            var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
            var expected = data.Select((b, i) => (byte)(b ^ key[i % 4])).ToArray();
            var actual = new byte[length];

            WsMask.CopyMasked(data, actual, maskKey);

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Rfc_example_masked_hello_decodes()
    {
        // RFC 6455 5.7: a single-frame masked text message "Hello".
        byte[] frame = [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58];

        Assert.Equal(WsDecodeStatus.Ok, WsFrameDecoder.TryReadHeader(frame, expectMasked: true, out var header, out _));
        var body = frame.AsSpan(header.HeaderLength);
        WsMask.Apply(body, header.MaskKey);

        Assert.Equal(WsOpcode.Text, header.Opcode);
        Assert.Equal("Hello"u8.ToArray(), body.ToArray());
    }

    [Fact]
    public void Fragments_and_control_frames_keep_fin_and_opcode()
    {
        var buffer = new byte[64];
        var n = WsFrameEncoder.WriteFrame(buffer, WsOpcode.Text, fin: false, "Hel"u8, masked: false, 0);
        WsFrameDecoder.TryReadHeader(buffer.AsSpan(0, n), false, out var first, out _);
        n = WsFrameEncoder.WriteFrame(buffer, WsOpcode.Continuation, fin: true, "lo"u8, masked: false, 0);
        WsFrameDecoder.TryReadHeader(buffer.AsSpan(0, n), false, out var last, out _);
        n = WsFrameEncoder.WriteFrame(buffer, WsOpcode.Ping, fin: true, "p"u8, masked: false, 0);
        WsFrameDecoder.TryReadHeader(buffer.AsSpan(0, n), false, out var ping, out _);

        Assert.Equal((false, WsOpcode.Text, 3L), (first.Fin, first.Opcode, first.PayloadLength));
        Assert.Equal((true, WsOpcode.Continuation, 2L), (last.Fin, last.Opcode, last.PayloadLength));
        Assert.Equal((true, WsOpcode.Ping, 1L), (ping.Fin, ping.Opcode, ping.PayloadLength));
    }

    [Fact]
    public void Close_payload_carries_code_and_a_reason_cut_to_fit()
    {
        var buffer = new byte[125];
        var length = WsFrameEncoder.WriteClosePayload(buffer, 1011, new string('é', 100));

        Assert.Equal(new byte[] { 0x03, 0xF3 }, buffer[..2]);
        Assert.Equal(124, length); // 61 two-byte chars fit in 123 bytes
    }

    [Fact]
    public void Incomplete_headers_ask_for_more_data()
    {
        var frame = new byte[70_000 + 14];
        var n = WsFrameEncoder.WriteFrame(frame, WsOpcode.Binary, true, new byte[70_000], masked: true, 1);

        for (var cut = 0; cut < 14; cut++)
        {
            Assert.Equal(WsDecodeStatus.NeedMoreData, WsFrameDecoder.TryReadHeader(frame.AsSpan(0, cut), true, out _, out _));
        }

        Assert.Equal(WsDecodeStatus.Ok, WsFrameDecoder.TryReadHeader(frame.AsSpan(0, 14), true, out var header, out _));
        Assert.Equal(n, header.FrameLength);
    }

    public static TheoryData<byte[], string> MalformedServerFrames => new()
    {
        { [0x83, 0x00], "unknown opcode" },
        { [0x8B, 0x00], "unknown opcode" },
        { [0xC2, 0x00], "reserved bits" },
        { [0x92, 0x00], "reserved bits" },
        { [0x82, 0x80, 1, 2, 3, 4], "masked server frame" },
        { [0x09, 0x00], "fragmented control frame" },
        { [0x89, 0x7E, 0x00, 0x7E], "longer than 125" },
        { [0x82, 0x7F, 0x80, 0, 0, 0, 0, 0, 0, 0], "most significant bit" },
    };

    [Theory]
    [MemberData(nameof(MalformedServerFrames))]
    public void Malformed_frames_are_protocol_errors(byte[] frame, string expected)
    {
        var status = WsFrameDecoder.TryReadHeader(frame, expectMasked: false, out _, out var error);

        Assert.Equal(WsDecodeStatus.ProtocolError, status);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void Unmasked_frames_are_rejected_when_masking_is_expected()
    {
        Assert.Equal(WsDecodeStatus.ProtocolError, WsFrameDecoder.TryReadHeader([0x82, 0x00], expectMasked: true, out _, out var error));
        Assert.Contains("unmasked", error);
    }

    [Fact]
    public void Encoder_writes_reserved_bits_for_fault_injection()
    {
        var buffer = new byte[8];
        WsFrameEncoder.WriteFrame(buffer, WsOpcode.Text, true, "x"u8, masked: false, 0, reservedBits: 0b100);

        Assert.Equal(0xC1, buffer[0]);
    }
}
