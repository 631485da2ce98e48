using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Cli;

/// <summary>
/// The flags of <c>wsload serve</c>, typed. Null (or false) means "not given": the <see cref="TargetServerOptions"/>
/// default stays. <see cref="TargetServerOptionsFromFlags"/> checks how they combine.
/// </summary>
internal sealed record ServeFlags
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; }

    public string Path { get; init; } = "/ws";

    public ServerMode Mode { get; init; } = ServerMode.Echo;

    /// <summary>--push-rate: messages per second to each client (push mode).</summary>
    public double? PushRate { get; init; }

    /// <summary>--push-size: one size, in bytes, of each pushed message (push mode).</summary>
    public SizeSpec? PushSize { get; init; }

    /// <summary>--push-skip-every: the push gap fault, every Nth seq never sent on each connection (push mode).</summary>
    public int? PushSkipEvery { get; init; }

    /// <summary>--refuse-upgrades: the HTTP status to refuse upgrades with.</summary>
    public int? RefuseUpgrades { get; init; }

    /// <summary>--refuse-after: upgrades let through before refusing.</summary>
    public int? RefuseAfter { get; init; }

    public int? CloseAfterMessages { get; init; }

    public TimeSpan? CloseAllAfter { get; init; }

    public int? CloseCode { get; init; }

    public string? CloseReason { get; init; }

    public int? AbortAfterMessages { get; init; }

    /// <summary>--reply-delay: a fixed delay, a uniform range (10ms-40ms), normal:MEAN/SD or exp:MEAN, before each echo or ack.</summary>
    public DelaySpec? ReplyDelay { get; init; }

    /// <summary>--stall-at: when, after the start, the server stops answering.</summary>
    public TimeSpan? StallAt { get; init; }

    /// <summary>--stall-for: how long the --stall-at stall lasts.</summary>
    public TimeSpan? StallFor { get; init; }

    public int? CorruptEvery { get; init; }

    public int? DropEvery { get; init; }

    public int? DuplicateEvery { get; init; }

    /// <summary>--corrupt-percent: the share (0-100) of replies corrupted, at seeded places.</summary>
    public double? CorruptPercent { get; init; }

    /// <summary>--refuse-percent: the share (0-100) of upgrade requests refused (with --refuse-upgrades, else 503).</summary>
    public double? RefusePercent { get; init; }

    /// <summary>--close-percent: the share (0-100) of connections closed after their first (or --close-after-messages) message.</summary>
    public double? ClosePercent { get; init; }

    /// <summary>--accept-delay: how long each upgrade response is held (fixed, or a uniform range).</summary>
    public DelaySpec? AcceptDelay { get; init; }

    /// <summary>--cpu-per-message: CPU each received message costs the server (echo and ack modes), spent in a busy loop before the reply.</summary>
    public TimeSpan? CpuPerMessage { get; init; }

    /// <summary>--fault-seed: the seed of the drawn faults (delays and percentages).</summary>
    public long? FaultSeed { get; init; }

    /// <summary>The global --verbose: server logs on the console too.</summary>
    public bool Verbose { get; init; }

    /// <summary>--tls-cert: a PFX/PKCS#12 file, or a PEM certificate (its key in --tls-key or in the same file).</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>--tls-key: the PEM private key of a PEM --tls-cert.</summary>
    public string? TlsKey { get; init; }

    /// <summary>--tls-password: of the PFX, or of an encrypted PEM key.</summary>
    public string? TlsPassword { get; init; }

    /// <summary>--tls-require-client-cert: clients must present a certificate (any, unless --tls-client-ca).</summary>
    public bool TlsRequireClientCertificate { get; init; }

    /// <summary>--tls-client-ca: client certificates must chain to this CA (implies requiring one).</summary>
    public string? TlsClientCa { get; init; }

    // ---- Connection drops (recovery testing) ----

    /// <summary>--drop-at: when, after the start, to abort connections at once (with --drop-count or --drop-percent).</summary>
    public TimeSpan? DropAt { get; init; }

    /// <summary>--drop-count: how many connections --drop-at aborts, oldest first.</summary>
    public int? DropCount { get; init; }

    /// <summary>--drop-percent: the share (0-100) of the open connections --drop-at aborts.</summary>
    public double? DropPercent { get; init; }
}
