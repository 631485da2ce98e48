using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios.Loading;

internal static partial class ScenarioMapper
{
    private static readonly string[] ConnectionFields = ["count", "ramp", "hold", "rampDown", "arrival", "sourceAddresses", "maxConcurrentConnects", "reconnect"];
    private static readonly string[] RampFields = ["strategy", "duration", "steps", "plateau", "batchSize", "interval", "growth"];
    private static readonly string[] ArrivalFields = ["rate", "max", "duration"];

    private static ConnectionOptions MapConnections(FieldMap map)
    {
        var defaults = new ConnectionOptions();
        return new ConnectionOptions
        {
            Count = map.Int("count") ?? defaults.Count,
            Ramp = map["ramp"] is { } ramp ? MapRamp(map.Context, ramp, map.PathOf("ramp")) : defaults.Ramp,
            Hold = map.Duration("hold") ?? defaults.Hold,
            RampDown = map.Duration("rampDown") ?? defaults.RampDown,
            Arrival = map.Map("arrival", ArrivalFields) is { } arrival ? MapArrival(arrival) : null,
            SourceAddresses = map.StringList("sourceAddresses", "[127.0.0.2, 127.0.0.3]") ?? defaults.SourceAddresses,
            MaxConcurrentConnects = map.Int("maxConcurrentConnects") ?? defaults.MaxConcurrentConnects,
            Reconnect = map["reconnect"] is { } reconnect ? MapReconnect(map.Context, reconnect, map.PathOf("reconnect")) : defaults.Reconnect,
        };
    }

    // A ramp is either the CLI shorthand ("exponential:20s") or a mapping of its parameters.
    private static RampOptions MapRamp(LoadContext context, YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            if (ScenarioValues.TryParseRamp(text, out var shorthand))
                return shorthand;
            context.Error(node, path, $"'{text}' is not a ramp; write {ScenarioValues.RampForms}, or a mapping with fields {string.Join(", ", RampFields)}");
            return new RampOptions();
        }

        var map = FieldMap.Read(context, node, path, RampFields);
        if (map is null)
            return new RampOptions();
        var defaults = new RampOptions();
        return new RampOptions
        {
            Strategy = map.Enum<RampStrategy>("strategy") ?? defaults.Strategy,
            Duration = map.Duration("duration") ?? defaults.Duration,
            Steps = map.Int("steps") ?? defaults.Steps,
            Plateau = map.Duration("plateau") ?? defaults.Plateau,
            BatchSize = map.Int("batchSize") ?? defaults.BatchSize,
            Interval = map.Duration("interval") ?? defaults.Interval,
            Growth = map.Number("growth") ?? defaults.Growth,
        };
    }

    private static ArrivalOptions MapArrival(FieldMap map)
    {
        map.Require("rate", "new connections per time, e.g. 200/s");
        map.Require("max", "the most connections open at once");
        return new ArrivalOptions
        {
            RatePerSecond = map.Rate("rate") ?? 1,
            Max = map.Int("max") ?? 1,
            Duration = map.Duration("duration") ?? new ArrivalOptions { RatePerSecond = 1, Max = 1 }.Duration,
        };
    }
}
