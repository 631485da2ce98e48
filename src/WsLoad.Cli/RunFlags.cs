using WsLoad.Scenarios;

namespace WsLoad.Cli;

/// <summary>
/// The scenario-shaping flags of <c>wsload run</c>, already parsed into typed values. Null (or false, or empty)
/// means "not given": the scenario file's value, or the model default, stays.
/// </summary>
internal sealed record RunFlags
{
    public Uri? Url { get; init; }

    public int? Connections { get; init; }

    public RampOptions? Ramp { get; init; }

    public TimeSpan? Hold { get; init; }

    public TimeSpan? RampDown { get; init; }

    /// <summary>--source entries, each an address or a range; empty: the file's (or none).</summary>
    public IReadOnlyList<string> SourceAddresses { get; init; } = [];

    /// <summary>Messages per second per connection.</summary>
    public double? Rate { get; init; }

    /// <summary>Messages per second across all connections.</summary>
    public double? TotalRate { get; init; }

    public int? InFlight { get; init; }

    public SizeSpec? Size { get; init; }

    public bool Binary { get; init; }

    public ExpectMode? Expect { get; init; }

    /// <summary>--publishers: who publishes in a broadcast; null keeps the file's.</summary>
    public BroadcastOptions? Publishers { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    public TimeSpan? ConnectTimeout { get; init; }

    public bool Insecure { get; init; }

    public string? CaCertificate { get; init; }

    public string? ClientCertificate { get; init; }

    public string? ClientKey { get; init; }

    public string? ClientCertificatePassword { get; init; }

    public bool NoTlsResume { get; init; }

    public IReadOnlyList<string> Thresholds { get; init; } = [];

    public string? Name { get; init; }

    /// <summary>--reconnect: the reconnect policy shorthand (policy, delay, max delay); the file's other settings stay.</summary>
    public ReconnectOptions? Reconnect { get; init; }

    /// <summary>--message-recovery: none or resend.</summary>
    public MessageRecovery? MessageRecovery { get; init; }

    /// <summary>--retry: the wait before the first retry (or none); the file's other retry settings stay.</summary>
    public RetryOptions? Retry { get; init; }
}
