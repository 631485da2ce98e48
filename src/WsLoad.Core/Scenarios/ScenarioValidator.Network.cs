namespace WsLoad.Scenarios;

public static partial class ScenarioValidator
{
    private static void ValidateNetwork(List<ScenarioError> errors, NetworkOptions? network)
    {
        if (network is null)
            return;
        for (var i = 0; i < network.Toxics.Count; i++)
            ValidateToxic(errors, $"network.toxics[{i}]", network.Toxics[i]);
    }

    // Only the fields the toxic's type reads are checked; the others keep harmless defaults.
    private static void ValidateToxic(List<ScenarioError> errors, string path, NetworkToxicOptions toxic)
    {
        NonNegative(errors, $"{path}.at", toxic.At);
        if (toxic.Duration is { } duration)
            Positive(errors, $"{path}.duration", duration);
        switch (toxic.Type)
        {
            case NetworkToxicType.Latency:
                NonNegative(errors, $"{path}.latency", toxic.Latency);
                NonNegative(errors, $"{path}.jitter", toxic.Jitter);
                if (toxic.Latency == TimeSpan.Zero && toxic.Jitter == TimeSpan.Zero)
                    Add(errors, $"{path}.latency", "a latency toxic needs latency (and/or jitter), e.g. latency: 50ms");
                break;
            case NetworkToxicType.Bandwidth:
                if (toxic.Rate < 1)
                    Add(errors, $"{path}.rate", "must be at least 1 byte a second, e.g. rate: 1mb");
                break;
            case NetworkToxicType.Loss:
                if (toxic.Probability is < 0 or > 1 || toxic.DropConnections is < 0 or > 1)
                    Add(errors, $"{path}.probability", "must be between 0% and 100%");
                else if (toxic.Probability == 0 && toxic.DropConnections == 0)
                    Add(errors, $"{path}.probability", "a loss toxic needs probability (or dropConnections), e.g. probability: 1%");
                Positive(errors, $"{path}.stall", toxic.Stall);
                break;
            case NetworkToxicType.Reset:
                if (toxic.Every < TimeSpan.FromMilliseconds(10))
                    Add(errors, $"{path}.every", "must be at least 10ms, e.g. every: 30s");
                break;
            case NetworkToxicType.SlowClose:
                Positive(errors, $"{path}.delay", toxic.Delay);
                break;
            case NetworkToxicType.Partition:
                if (toxic.Direction != NetworkDirection.Both)
                    Add(errors, $"{path}.direction", "a partition cuts both ways; leave direction out");
                break;
            default:
                Add(errors, $"{path}.type", "unknown value; allowed: latency, bandwidth, loss, reset, slowClose, partition");
                break;
        }
    }
}
