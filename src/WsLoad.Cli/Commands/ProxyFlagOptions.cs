using System.CommandLine;
using System.CommandLine.Parsing;
using WsLoad.Network;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Commands;

/// <summary>The options of <c>wsload proxy</c> and the toxics they describe.</summary>
internal sealed class ProxyFlagOptions
{
    public Option<(string Host, int Port)?> Listen { get; } = new("--listen") { Description = "HOST:PORT to listen on; port 0 lets the OS choose. Default 127.0.0.1:0.", CustomParser = result => HostPort(result), HelpName = "HOST:PORT" };

    public Option<(string Host, int Port)> Upstream { get; } = new("--upstream") { Description = "HOST:PORT every connection is forwarded to.", CustomParser = HostPort, Required = true, HelpName = "HOST:PORT" };

    public Option<TimeSpan?> Latency { get; } = new("--latency") { Description = "Hold each chunk this long (e.g. 50ms), per direction; order is kept.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<TimeSpan?> Jitter { get; } = new("--jitter") { Description = "Vary the latency by up to this much either way (uniform), e.g. 5ms.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<long?> Bandwidth { get; } = new("--bandwidth") { Description = "Cap each connection's direction at this many bytes a second (e.g. 1mb, 256kb).", CustomParser = Parse<long>(ScenarioValues.TryParseBandwidth, ScenarioValues.BandwidthForms), HelpName = "BYTES/S" };

    public Option<double?> Loss { get; } = new("--loss") { Description = "Stall this share of chunks (e.g. 1%) for --loss-stall, as a lost TCP segment does.", CustomParser = Parse<double>(ScenarioValues.TryParseProbability, ScenarioValues.ProbabilityForms), HelpName = "PERCENT" };

    public Option<TimeSpan?> LossStall { get; } = new("--loss-stall") { Description = "How long a lost chunk stalls. Default 200ms.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<double?> DropConnections { get; } = new("--drop-connections") { Description = "Reset the connection on this share of chunks (e.g. 0.1%).", CustomParser = Parse<double>(ScenarioValues.TryParseProbability, ScenarioValues.ProbabilityForms), HelpName = "PERCENT" };

    public Option<TimeSpan?> ResetEvery { get; } = new("--reset-every") { Description = "Reset (RST) every open connection this often, e.g. 30s.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<bool> ResetRandom { get; } = new("--reset-random") { Description = "With --reset-every: reset each connection after a random time of that mean instead of all at once." };

    public Option<TimeSpan?> SlowClose { get; } = new("--slow-close") { Description = "Hold the end of each stream (FIN) this long.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<TimeSpan?> PartitionAt { get; } = new("--partition-at") { Description = "Forward nothing either way from this long after the start (data is held, then flows).", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<TimeSpan?> PartitionFor { get; } = new("--partition-for") { Description = "How long the --partition-at partition lasts. Default 10s.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<NetworkDirection> Direction { get; } = new("--direction") { Description = "Which way latency, bandwidth, loss and slow close act: up (client to server), down or both.", DefaultValueFactory = _ => NetworkDirection.Both };

    public void AddTo(Command command)
    {
        Option[] all = [Listen, Upstream, Latency, Jitter, Bandwidth, Loss, LossStall, DropConnections, ResetEvery, ResetRandom, SlowClose, PartitionAt, PartitionFor, Direction];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The toxics the flags ask for, each from the start (the partition at its time).</summary>
    public IReadOnlyList<ScheduledToxic> ReadToxics(ParseResult parseResult)
    {
        var direction = parseResult.GetValue(Direction);
        var toxics = new List<NetworkToxicOptions>();
        if (parseResult.GetValue(Latency) is { } latency || parseResult.GetValue(Jitter) is not null)
        {
            toxics.Add(new() { Type = NetworkToxicType.Latency, Direction = direction, Latency = parseResult.GetValue(Latency) ?? TimeSpan.Zero, Jitter = parseResult.GetValue(Jitter) ?? TimeSpan.Zero });
        }

        if (parseResult.GetValue(Bandwidth) is { } rate)
        {
            toxics.Add(new() { Type = NetworkToxicType.Bandwidth, Direction = direction, Rate = rate });
        }

        if (parseResult.GetValue(Loss) is not null || parseResult.GetValue(DropConnections) is not null)
        {
            toxics.Add(new()
            {
                Type = NetworkToxicType.Loss,
                Direction = direction,
                Probability = parseResult.GetValue(Loss) ?? 0,
                Stall = parseResult.GetValue(LossStall) ?? NetworkToxicOptions.DefaultStall,
                DropConnections = parseResult.GetValue(DropConnections) ?? 0,
            });
        }

        if (parseResult.GetValue(ResetEvery) is { } every)
        {
            toxics.Add(new() { Type = NetworkToxicType.Reset, Every = every, Random = parseResult.GetValue(ResetRandom) });
        }

        if (parseResult.GetValue(SlowClose) is { } delay)
        {
            toxics.Add(new() { Type = NetworkToxicType.SlowClose, Direction = direction, Delay = delay });
        }

        if (parseResult.GetValue(PartitionAt) is { } at)
        {
            toxics.Add(new() { Type = NetworkToxicType.Partition, At = at, Duration = parseResult.GetValue(PartitionFor) ?? TimeSpan.FromSeconds(10) });
        }

        var errors = ScenarioValidator.Validate(new Scenario { Target = new TargetOptions { Url = new Uri("ws://proxy.invalid/") }, Network = new NetworkOptions { Toxics = toxics } });
        if (errors.Count > 0)
        {
            throw new CliException($"{errors[0].Field}: {errors[0].Message}", ExitCodes.UsageError);
        }

        return [.. toxics.Select(ScheduledToxic.From)];
    }

    private static (string Host, int Port) HostPort(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535)
        {
            return (text[..colon].Trim('[', ']'), port);
        }

        result.AddError($"'{text}' is not HOST:PORT, e.g. 127.0.0.1:9000 or [::1]:9000");
        return ("", 0);
    }

    private static Func<ArgumentResult, T?> Parse<T>(NodeTryParse<T> tryParse, string forms)
        where T : struct => result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (tryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"'{text}' is not {forms}");
            return null;
        };

    private delegate bool NodeTryParse<T>(string text, out T value);
}
