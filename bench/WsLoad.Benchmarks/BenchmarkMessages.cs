using WsLoad.Scenarios;

namespace WsLoad.Benchmarks;

/// <summary>The message types the benchmarks send: the 100-byte default, its binary twin, and a JSON template.</summary>
internal static class BenchmarkMessages
{
    public const string Template = "{\"id\":\"{{stamp}}\",\"conn\":{{connectionId}},\"seq\":{{sequence}}}";

    public static MessageType Type(string kind) => kind switch
    {
        "text" => new MessageType { Name = kind, Format = PayloadFormat.Text, Size = SizeSpec.Fixed(100) },
        "binary" => new MessageType { Name = kind, Format = PayloadFormat.Binary, Size = SizeSpec.Fixed(100) },
        "template" => new MessageType { Name = kind, Template = Template },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "text, binary or template"),
    };
}
