using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

public class WriteRequestEncoderTests
{
    [Fact]
    public void A_known_request_encodes_to_the_bytes_of_the_protobuf_wire_format()
    {
        var request = new WriteRequest([new TimeSeries([new("__name__", "up"), new("job", "a")], [new(1.5, 1000)])]);

        byte[] expected =
        [
            0x0A, 0x28, // WriteRequest.timeseries (1, length-delimited), 40 bytes
            0x0A, 0x0E, // TimeSeries.labels (1), 14 bytes
            0x0A, 0x08, .. "__name__"u8, // Label.name (1)
            0x12, 0x02, .. "up"u8, // Label.value (2)
            0x0A, 0x08, 0x0A, 0x03, .. "job"u8, 0x12, 0x01, .. "a"u8,
            0x12, 0x0C, // TimeSeries.samples (2), 12 bytes
            0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F, // Sample.value (1, fixed64): 1.5, little-endian
            0x10, 0xE8, 0x07, // Sample.timestamp (2, varint): 1000
        ];
        Assert.Equal(expected, WriteRequestEncoder.Encode(request));
    }

    [Fact]
    public void A_request_reads_back_whole_with_protobuf_s_own_reader_defaults_and_multibyte_text_included()
    {
        var request = new WriteRequest(
        [
            new TimeSeries([new("__name__", "wsload_messages_received_total"), new("scenario", "chat é✓"), new("type", "ping")], [new(0, 1_765_000_000_123), new(12_345, 1_765_000_001_123)]),
            new TimeSeries([new("__name__", "wsload_rtt_seconds_sum"), new("le", "+Inf")], [new(-0.25, 1), new(double.PositiveInfinity, long.MaxValue)]),
            new TimeSeries([new("__name__", "empty")], []),
        ]);

        var read = WriteRequestReader.Read(WriteRequestEncoder.Encode(request));

        Assert.Equal(request.Timeseries.Count, read.Timeseries.Count);
        for (var i = 0; i < request.Timeseries.Count; i++)
        {
            Assert.Equal(request.Timeseries[i].Labels, read.Timeseries[i].Labels);
            Assert.Equal(request.Timeseries[i].Samples, read.Timeseries[i].Samples);
        }

        Assert.Equal(4, read.SampleCount);
    }

    [Fact]
    public void A_sample_of_zero_leaves_its_value_out_as_proto3_does()
    {
        var zero = WriteRequestEncoder.Encode(new WriteRequest([new TimeSeries([], [new(0, 1)])]));

        Assert.Equal(new byte[] { 0x0A, 0x04, 0x12, 0x02, 0x10, 0x01 }, zero);
    }

    [Fact]
    public void The_body_is_a_snappy_block_that_snappier_decompresses_to_the_encoding()
    {
        var series = Enumerable.Range(0, 50).Select(i => new TimeSeries([new("__name__", "wsload_rtt_seconds_bucket"), new("le", i.ToString(System.Globalization.CultureInfo.InvariantCulture))], [new(i * 3, 1_765_000_000_000)]));
        var request = new WriteRequest([.. series]);
        var encoded = WriteRequestEncoder.Encode(request);

        var body = WriteRequestEncoder.EncodeCompressed(request);

        Assert.Equal(encoded, Snappier.Snappy.DecompressToArray(body));
        Assert.Equal(encoded.Length, BlockPreamble(body)); // a block starts with its uncompressed length; a framed stream with 0xFF "sNaPpY"
        Assert.True(body.Length < encoded.Length, $"{body.Length} bytes compressed from {encoded.Length}");
    }

    private static int BlockPreamble(byte[] body)
    {
        int length = 0, shift = 0, i = 0;
        byte b;
        do
        {
            b = body[i++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        return length;
    }
}
