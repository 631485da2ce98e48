using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios.Loading;

internal static partial class ScenarioMapper
{
    private static readonly string[] MessageFields = ["rate", "totalRate", "inFlight", "expect", "correlationField", "timeout", "startDelay", "types", "bursts", "recovery", "retry", "broadcast", "push"];
    private static readonly string[] PushFields = ["sequenceField", "firstSequence", "timestampField", "timestampUnit"];
    private static readonly string[] BroadcastFields = ["publishers", "senderReceives"];
    private static readonly string[] TypeFields = ["name", "weight", "size", "format", "template"];
    private static readonly string[] BurstFields = ["at", "duration", "multiplier"];

    // Parsed and documented once ("higher goes first"), but a connection sends on one schedule with no queue to reorder,
    // so it did nothing: refused with the reason rather than silently ignored.
    private static readonly Dictionary<string, string> RetiredTypeFields = new(StringComparer.Ordinal)
    {
        ["priority"] = "WsLoad sends each connection's messages on one schedule, so there is no queue to reorder; "
            + "set the mix with 'weight', or run the high-priority traffic as a scenario of its own to measure it apart",
    };

    private static MessageOptions MapMessages(FieldMap map)
    {
        var defaults = new MessageOptions();
        var types = map.List("types", "[{ name: chat, size: 100 }]");
        var bursts = map.List("bursts", "[{ at: 30s, duration: 5s, multiplier: 10 }]");
        return new MessageOptions
        {
            RatePerSecond = map.Rate("rate") ?? defaults.RatePerSecond,
            TotalRatePerSecond = map.Rate("totalRate"),
            InFlight = map.Int("inFlight"),
            Expect = map.Enum<ExpectMode>("expect") ?? defaults.Expect,
            CorrelationField = map.String("correlationField"),
            Timeout = map.Duration("timeout") ?? defaults.Timeout,
            StartDelay = map.Duration("startDelay") ?? defaults.StartDelay,
            Types = types is null ? defaults.Types : [.. types.Select((t, i) => MapType(map.Context, t.Node, t.Path, types.Count == 1 ? "default" : $"type{i + 1}"))],
            Bursts = bursts is null ? defaults.Bursts : [.. bursts.Select(b => MapBurst(map.Context, b.Node, b.Path))],
            Recovery = map.Enum<MessageRecovery>("recovery") ?? defaults.Recovery,
            Retry = map["retry"] is { } retry ? MapRetry(map.Context, retry, map.PathOf("retry")) : defaults.Retry,
            Broadcast = map.Map("broadcast", BroadcastFields) is { } broadcast ? MapBroadcast(broadcast) : defaults.Broadcast,
            Push = map.Map("push", PushFields) is { } push ? MapPush(push) : defaults.Push,
        };
    }

    private static PushOptions MapPush(FieldMap map)
    {
        var defaults = new PushOptions();
        return new PushOptions
        {
            SequenceField = map.String("sequenceField") ?? defaults.SequenceField,
            FirstSequence = map.Int("firstSequence") ?? defaults.FirstSequence,
            TimestampField = map.String("timestampField"),
            TimestampUnit = map.String("timestampUnit") ?? defaults.TimestampUnit,
        };
    }

    // publishers: 10 (a count) or 5% (a share of the connections).
    private static BroadcastOptions MapBroadcast(FieldMap map)
    {
        var options = new BroadcastOptions { SenderReceives = map.Bool("senderReceives") ?? true };
        if (map.String("publishers") is not { } text)
            return options;
        if (BroadcastOptions.TryParsePublishers(text, out var publishers))
            return options with { Publishers = publishers.Publishers, PublisherPercent = publishers.PublisherPercent };
        map.Context.Error(map["publishers"]!, map.PathOf("publishers"), $"expected a number of connections such as 10, or a share such as 5%, got '{text.Trim()}'");
        return options;
    }

    private static MessageType MapType(LoadContext context, YamlNode node, string path, string defaultName)
    {
        var map = FieldMap.Read(context, node, path, TypeFields, RetiredTypeFields);
        if (map is null)
            return MessageType.Default;
        var defaults = MessageType.Default;
        return new MessageType
        {
            Name = map.String("name") ?? defaultName,
            Weight = map.Number("weight") ?? defaults.Weight,
            Size = map["size"] is { } size ? MapSize(context, size, map.PathOf("size")) : defaults.Size,
            Format = map.Enum<PayloadFormat>("format") ?? defaults.Format,
            Template = map.String("template"),
        };
    }

    // A size is a scalar ("100", "2kb", "64-1024", "[64,128]" quoted) or a YAML list of byte counts.
    private static SizeSpec MapSize(LoadContext context, YamlNode node, string path)
    {
        if (node is YamlSequenceNode list)
        {
            var sizes = new List<int>();
            foreach (var item in list.Children)
            {
                if (NodeReader.Scalar<int>(context, item, path, ScenarioValues.TryParseBytes, ScenarioValues.SizeForms) is { } bytes)
                    sizes.Add(bytes);
            }

            if (sizes.Count > 0)
                return SizeSpec.OneOf([.. sizes]);
            if (list.Children.Count == 0)
                context.Error(node, path, $"expected {ScenarioValues.SizeForms}, got an empty list");
            return MessageType.Default.Size;
        }

        var text = NodeReader.Text(context, node, path, ScenarioValues.SizeForms);
        if (text is not null && ScenarioValues.TryParseSize(text, out var size))
            return size;
        if (text is not null)
            context.Error(node, path, $"expected {ScenarioValues.SizeForms}, got '{text}'");
        return MessageType.Default.Size;
    }

    private static BurstPhase MapBurst(LoadContext context, YamlNode node, string path)
    {
        var map = FieldMap.Read(context, node, path, BurstFields);
        var defaults = new BurstPhase();
        if (map is null)
            return defaults;
        map.Require("at", "when the burst starts, from the start of the run, e.g. 30s");
        map.Require("duration", "how long the burst lasts, e.g. 5s");
        return new BurstPhase
        {
            At = map.Duration("at") ?? defaults.At,
            Duration = map.Duration("duration") ?? defaults.Duration,
            Multiplier = map.Number("multiplier") ?? defaults.Multiplier,
        };
    }
}
