namespace WsLoad.Scenarios;

/// <summary>
/// A complete, resolved load-test scenario: where to connect, how to shape connections, what to send,
/// what to expect back and which thresholds decide pass or fail. Immutable; build it in code or load it
/// with <c>ScenarioLoader</c>.
/// </summary>
public sealed record Scenario
{
    /// <summary>A short name used in reports and file names.</summary>
    public string Name { get; init; } = "scenario";

    public required TargetOptions Target { get; init; }

    public ConnectionOptions Connections { get; init; } = new();

    public MessageOptions Messages { get; init; } = new();

    /// <summary>Network faults through a chaos proxy inside the run; null connects directly.</summary>
    public NetworkOptions? Network { get; init; }

    /// <summary>k6-style expressions such as <c>rtt.p99 &lt; 200ms</c>; see <c>ThresholdExpression</c>.</summary>
    public IReadOnlyList<string> Thresholds { get; init; } = [];

    /// <summary>Live conditions judged every second, each with an action (<c>checkpoints</c>); empty: none.</summary>
    public IReadOnlyList<CheckpointOptions> Checkpoints { get; init; } = [];

    /// <summary>Faults the embedded target server is told to inject at set times (<c>serverFaults</c>); null: none.</summary>
    public ServerFaultOptions? ServerFaults { get; init; }

    /// <summary>Faults the generator injects into its own connections at set times (<c>clientFaults</c>); empty: none.</summary>
    public IReadOnlyList<ClientFaultStep> ClientFaults { get; init; } = [];

    /// <summary>The target server's resources from a Prometheus that watches it (<c>serverMetrics</c>); null: none.</summary>
    public ServerMetricsOptions? ServerMetrics { get; init; }
}
