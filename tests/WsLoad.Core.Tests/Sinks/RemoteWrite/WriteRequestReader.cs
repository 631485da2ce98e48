using Google.Protobuf;
using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

/// <summary>
/// Reads a remote-write request back with Google.Protobuf's <see cref="CodedInputStream"/>, field by field as the
/// protocol's .proto numbers them, as a receiver would: the check on <see cref="WriteRequestEncoder"/>. Unknown fields
/// are skipped; a field left out reads as its default.
/// </summary>
internal static class WriteRequestReader
{
    public static WriteRequest Read(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        var series = new List<TimeSeries>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (Is(tag, 1, WireFormat.WireType.LengthDelimited))
            {
                series.Add(ReadSeries(input.ReadBytes().ToByteArray()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return new WriteRequest(series);
    }

    private static TimeSeries ReadSeries(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        var labels = new List<SeriesLabel>();
        var samples = new List<SeriesSample>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (Is(tag, 1, WireFormat.WireType.LengthDelimited))
            {
                labels.Add(ReadLabel(input.ReadBytes().ToByteArray()));
            }
            else if (Is(tag, 2, WireFormat.WireType.LengthDelimited))
            {
                samples.Add(ReadSample(input.ReadBytes().ToByteArray()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return new TimeSeries(labels, samples);
    }

    private static SeriesLabel ReadLabel(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        string name = "", value = "";
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (Is(tag, 1, WireFormat.WireType.LengthDelimited))
            {
                name = input.ReadString();
            }
            else if (Is(tag, 2, WireFormat.WireType.LengthDelimited))
            {
                value = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return new SeriesLabel(name, value);
    }

    private static SeriesSample ReadSample(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        double value = 0;
        long timestamp = 0;
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (Is(tag, 1, WireFormat.WireType.Fixed64))
            {
                value = input.ReadDouble();
            }
            else if (Is(tag, 2, WireFormat.WireType.Varint))
            {
                timestamp = input.ReadInt64();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return new SeriesSample(value, timestamp);
    }

    private static bool Is(uint tag, int field, WireFormat.WireType type) =>
        WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == type;
}
