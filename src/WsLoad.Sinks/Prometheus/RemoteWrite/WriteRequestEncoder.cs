using Google.Protobuf;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// Puts a <see cref="WriteRequest"/> on the wire as remote write 1.0 wants it: the protobuf encoding of
/// <c>prometheus.WriteRequest</c>, written field by field with Google.Protobuf's <see cref="CodedOutputStream"/> (so no
/// generated code and no protoc step), then compressed in snappy's block format (not its framed stream). As generated
/// proto3 code does, fields that hold their default (an empty string, a zero) are left out.
/// </summary>
internal static class WriteRequestEncoder
{
    private const int TimeseriesField = 1; // WriteRequest.timeseries
    private const int LabelsField = 1; // TimeSeries.labels
    private const int SamplesField = 2; // TimeSeries.samples
    private const int LabelNameField = 1;
    private const int LabelValueField = 2;
    private const int SampleValueField = 1;
    private const int SampleTimestampField = 2;

    /// <summary>The request as a snappy-compressed block: an HTTP body for <c>Content-Encoding: snappy</c>.</summary>
    public static byte[] EncodeCompressed(WriteRequest request) => Snappier.Snappy.CompressToArray(Encode(request));

    /// <summary>The request's protobuf encoding, uncompressed.</summary>
    public static byte[] Encode(WriteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seriesSizes = new int[request.Timeseries.Count];
        var total = 0;
        for (var i = 0; i < seriesSizes.Length; i++)
        {
            seriesSizes[i] = SeriesSize(request.Timeseries[i]);
            total += Nested(TimeseriesField, seriesSizes[i]);
        }

        var bytes = new byte[total];
        var output = new CodedOutputStream(bytes);
        for (var i = 0; i < seriesSizes.Length; i++)
        {
            output.WriteTag(TimeseriesField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(seriesSizes[i]);
            WriteSeries(output, request.Timeseries[i]);
        }

        output.Flush();
        output.CheckNoSpaceLeft();
        return bytes;
    }

    private static void WriteSeries(CodedOutputStream output, TimeSeries series)
    {
        foreach (var label in series.Labels)
        {
            output.WriteTag(LabelsField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(LabelSize(label));
            if (label.Name.Length > 0)
            {
                output.WriteTag(LabelNameField, WireFormat.WireType.LengthDelimited);
                output.WriteString(label.Name);
            }

            if (label.Value.Length > 0)
            {
                output.WriteTag(LabelValueField, WireFormat.WireType.LengthDelimited);
                output.WriteString(label.Value);
            }
        }

        foreach (var sample in series.Samples)
        {
            output.WriteTag(SamplesField, WireFormat.WireType.LengthDelimited);
            output.WriteLength(SampleSize(sample));
            if (sample.Value != 0D)
            {
                output.WriteTag(SampleValueField, WireFormat.WireType.Fixed64);
                output.WriteDouble(sample.Value);
            }

            if (sample.TimestampMs != 0)
            {
                output.WriteTag(SampleTimestampField, WireFormat.WireType.Varint);
                output.WriteInt64(sample.TimestampMs);
            }
        }
    }

    private static int SeriesSize(TimeSeries series)
    {
        var size = 0;
        foreach (var label in series.Labels)
        {
            size += Nested(LabelsField, LabelSize(label));
        }

        foreach (var sample in series.Samples)
        {
            size += Nested(SamplesField, SampleSize(sample));
        }

        return size;
    }

    private static int LabelSize(SeriesLabel label) =>
        (label.Name.Length > 0 ? CodedOutputStream.ComputeTagSize(LabelNameField) + CodedOutputStream.ComputeStringSize(label.Name) : 0)
        + (label.Value.Length > 0 ? CodedOutputStream.ComputeTagSize(LabelValueField) + CodedOutputStream.ComputeStringSize(label.Value) : 0);

    private static int SampleSize(SeriesSample sample) =>
        (sample.Value != 0D ? CodedOutputStream.ComputeTagSize(SampleValueField) + CodedOutputStream.ComputeDoubleSize(sample.Value) : 0)
        + (sample.TimestampMs != 0 ? CodedOutputStream.ComputeTagSize(SampleTimestampField) + CodedOutputStream.ComputeInt64Size(sample.TimestampMs) : 0);

    // A length-delimited field: its tag, its length, then its bytes.
    private static int Nested(int field, int size) => CodedOutputStream.ComputeTagSize(field) + CodedOutputStream.ComputeLengthSize(size) + size;
}
