namespace WsLoad.Scenarios.Loading;

internal static partial class ScenarioMapper
{
    private static readonly string[] NetworkFields = ["toxics"];
    private static readonly string[] ToxicFields =
        ["type", "direction", "at", "duration", "latency", "jitter", "rate", "probability", "stall", "dropConnections", "every", "random", "delay", "reset"];

    private static NetworkOptions MapNetwork(FieldMap map)
    {
        var items = map.List("toxics", "[{ type: latency, latency: 50ms }]") ?? [];
        var toxics = new List<NetworkToxicOptions>();
        foreach (var (node, path) in items)
        {
            if (FieldMap.Read(map.Context, node, path, ToxicFields) is { } toxic)
                toxics.Add(MapToxic(toxic));
        }

        return new NetworkOptions { Toxics = toxics };
    }

    private static NetworkToxicOptions MapToxic(FieldMap map)
    {
        map.Require("type", "one of: " + string.Join(", ", NodeReader.EnumNames<NetworkToxicType>()));
        var defaults = new NetworkToxicOptions { Type = NetworkToxicType.Latency };
        return new NetworkToxicOptions
        {
            Type = map.Enum<NetworkToxicType>("type") ?? defaults.Type,
            Direction = map.Enum<NetworkDirection>("direction") ?? defaults.Direction,
            At = map.Duration("at") ?? defaults.At,
            Duration = map.Duration("duration"),
            Latency = map.Duration("latency") ?? defaults.Latency,
            Jitter = map.Duration("jitter") ?? defaults.Jitter,
            Rate = ReadValue<long>(map, "rate", ScenarioValues.TryParseBandwidth, ScenarioValues.BandwidthForms) ?? defaults.Rate,
            Probability = ReadValue<double>(map, "probability", ScenarioValues.TryParseProbability, ScenarioValues.ProbabilityForms) ?? defaults.Probability,
            Stall = map.Duration("stall") ?? defaults.Stall,
            DropConnections = ReadValue<double>(map, "dropConnections", ScenarioValues.TryParseProbability, ScenarioValues.ProbabilityForms) ?? defaults.DropConnections,
            Every = map.Duration("every") ?? defaults.Every,
            Random = map.Bool("random") ?? defaults.Random,
            Delay = map.Duration("delay") ?? defaults.Delay,
            Reset = map.Bool("reset") ?? defaults.Reset,
        };
    }

    private static T? ReadValue<T>(FieldMap map, string key, NodeReader.TryParser<T> parse, string forms)
        where T : struct => map[key] is { } node ? NodeReader.Scalar(map.Context, node, map.PathOf(key), parse, forms) : null;
}
