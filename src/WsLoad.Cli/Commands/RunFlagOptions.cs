using System.CommandLine;
using WsLoad.Scenarios;

namespace WsLoad.Cli.Commands;

/// <summary>The scenario-shaping options of <c>wsload run</c> and how they are read back into <see cref="RunFlags"/>.</summary>
internal sealed class RunFlagOptions
{
    public Option<Uri?> Url { get; } = new("--url", "-u")
    {
        Description = "The ws:// or wss:// URL to load.",
        CustomParser = FlagParsers.WebSocketUrl,
    };

    public Option<int?> Connections { get; } = new("--connections", "-c")
    {
        Description = "Connections at the top of the ramp.",
        CustomParser = FlagParsers.WholeNumber,
    };

    public Option<RampOptions?> Ramp { get; } = new("--ramp")
    {
        Description = "Ramp-up shape: linear:10s, exponential:20s, stepped:5x10s, burst, burst:1000/2s.",
        CustomParser = FlagParsers.Ramp,
    };

    public Option<TimeSpan?> Hold { get; } = new("--hold")
    {
        Description = "How long all connections stay open after the ramp-up (e.g. 60s, 5m).",
        CustomParser = FlagParsers.Duration,
    };

    public Option<TimeSpan?> RampDown { get; } = new("--ramp-down")
    {
        Description = "How long closing all connections takes (e.g. 5s; 0 closes them at once).",
        CustomParser = FlagParsers.Duration,
    };

    public Option<string[]> SourceAddresses { get; } = new("--source")
    {
        Description = "Local addresses to bind, round-robin, past one address's ~28,000 ephemeral ports: 127.0.0.2, "
            + "127.0.0.1-127.0.0.8 or 127.0.0.1-8; repeatable or comma-separated. Replaces the file's connections.sourceAddresses.",
    };

    public Option<double?> Rate { get; } = new("--rate", "-r")
    {
        Description = "Messages per connection (e.g. 1/s, 30/m).",
        CustomParser = FlagParsers.Rate,
    };

    public Option<double?> TotalRate { get; } = new("--total-rate")
    {
        Description = "Messages across all open connections (e.g. 10000/s); instead of --rate.",
        CustomParser = FlagParsers.Rate,
    };

    public Option<int?> InFlight { get; } = new("--in-flight")
    {
        Description = "Closed loop instead of a rate: keep N messages in flight on each connection, sending the next when a reply comes back (1 = one at a time; more pipelines).",
    };

    public Option<SizeSpec?> Size { get; } = new("--size", "-s")
    {
        Description = "Message size in bytes: 100, 1kb, 64-1024, [64,128,256].",
        CustomParser = FlagParsers.Size,
    };

    public Option<bool> Binary { get; } = new("--binary") { Description = "Send binary frames instead of text." };

    public Option<ExpectMode?> Expect { get; } = new("--expect")
    {
        Description = "What the server sends back: echo (each message unchanged), reply, none; broadcast (publishers send, "
            + "each channel's connections receive: fan-out latency and reach) or push (the server sends numbered messages on its own).",
    };

    public Option<BroadcastOptions?> Publishers { get; } = new("--publishers")
    {
        Description = "With --expect broadcast: how many connections publish, a count (10) or a share (2%); default one per "
            + "channel of a {{connectionId % N}} URL, else one. Example: --url 'ws://127.0.0.1:8080/ws?channel={{connectionId % 10}}' --expect broadcast --publishers 10",
        CustomParser = FlagParsers.Publishers,
        HelpName = "N|P%",
    };

    public Option<KeyValuePair<string, string>[]> Headers { get; } = new("--header", "-H")
    {
        Description = "An HTTP header for the upgrade request, NAME=VALUE; repeatable.",
        CustomParser = FlagParsers.Headers,
    };

    public Option<string[]> Subprotocols { get; } = new("--subprotocol")
    {
        Description = "A subprotocol to offer (Sec-WebSocket-Protocol); repeatable.",
    };

    public Option<TimeSpan?> ConnectTimeout { get; } = new("--connect-timeout")
    {
        Description = "Time allowed for TCP connect, TLS and upgrade (e.g. 10s).",
        CustomParser = FlagParsers.Duration,
    };

    public Option<bool> Insecure { get; } = new("--insecure", "-k") { Description = "Do not verify TLS certificates (wss://)." };

    public Option<string?> CaCertificate { get; } = new("--ca-cert")
    {
        Description = "A CA certificate file (PEM or DER) to trust for wss://, in addition to the system's.",
    };

    public Option<bool> NoTlsResume { get; } = new("--no-tls-resume")
    {
        Description = "Make every wss:// connection a full TLS handshake instead of resuming the session (target.tls.resume: false).",
    };

    public Option<string?> ClientCertificate { get; } = new("--client-cert")
    {
        Description = "A client certificate for wss:// (PFX, or PEM with --client-key).",
    };

    public Option<string?> ClientKey { get; } = new("--client-key") { Description = "The PEM key of --client-cert." };

    public Option<string?> ClientCertificatePassword { get; } = new("--client-cert-password") { Description = "The password of a PFX --client-cert." };

    public Option<string[]> Thresholds { get; } = new("--threshold", "-t")
    {
        Description = "A pass/fail rule such as \"rtt.p99 < 200ms\" or \"connect.success > 99.9%\"; repeatable. "
            + "Latency and throughput are judged on the hold, the rest on the whole run; name a phase with \"rtt.p99{phase:all} < 200ms\" "
            + "(ramp-up, hold, ramp-down, closing, all).",
    };

    public Option<string?> Name { get; } = new("--name") { Description = "The run's name in reports." };

    // ---- Recovery ----

    public Option<ReconnectOptions?> Reconnect { get; } = new("--reconnect")
    {
        Description = "Reconnect dropped connections: none, immediate, fixed:500ms, exponential:100ms..5s (±20% jitter, 10 attempts, 200 at once; the file's connections.reconnect sets the rest). Example: --reconnect exponential:100ms..5s.",
        CustomParser = FlagParsers.Reconnect,
        HelpName = "POLICY",
    };

    public Option<MessageRecovery?> MessageRecovery { get; } = new("--message-recovery")
    {
        Description = "resend: after a reconnect, send again the messages unanswered at the drop (needs --reconnect); none: count them lost.",
        HelpName = "none|resend",
    };

    public Option<RetryOptions?> Retry { get; } = new("--retry")
    {
        Description = "Send a message again on its connection when its answer (echo or ack) is this late; 3 retries, each wait doubling (the file's messages.retry sets the rest). Example: --retry 500ms.",
        CustomParser = FlagParsers.Retry,
        HelpName = "WAIT",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Reconnect);
        command.Options.Add(MessageRecovery);
        command.Options.Add(Retry);
        command.Options.Add(Url);
        command.Options.Add(Connections);
        command.Options.Add(Ramp);
        command.Options.Add(Hold);
        command.Options.Add(RampDown);
        command.Options.Add(SourceAddresses);
        command.Options.Add(Rate);
        command.Options.Add(TotalRate);
        command.Options.Add(InFlight);
        command.Options.Add(Size);
        command.Options.Add(Binary);
        command.Options.Add(Expect);
        command.Options.Add(Publishers);
        command.Options.Add(Headers);
        command.Options.Add(Subprotocols);
        command.Options.Add(ConnectTimeout);
        command.Options.Add(Insecure);
        command.Options.Add(CaCertificate);
        command.Options.Add(ClientCertificate);
        command.Options.Add(ClientKey);
        command.Options.Add(ClientCertificatePassword);
        command.Options.Add(NoTlsResume);
        command.Options.Add(Thresholds);
        command.Options.Add(Name);
    }

    public RunFlags Read(ParseResult parseResult) => new()
    {
        Reconnect = parseResult.GetValue(Reconnect),
        MessageRecovery = parseResult.GetValue(MessageRecovery),
        Retry = parseResult.GetValue(Retry),
        Url = parseResult.GetValue(Url),
        Connections = parseResult.GetValue(Connections),
        Ramp = parseResult.GetValue(Ramp),
        Hold = parseResult.GetValue(Hold),
        RampDown = parseResult.GetValue(RampDown),
        SourceAddresses = [.. (parseResult.GetValue(SourceAddresses) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
        Rate = parseResult.GetValue(Rate),
        TotalRate = parseResult.GetValue(TotalRate),
        InFlight = parseResult.GetValue(InFlight),
        Size = parseResult.GetValue(Size),
        Binary = parseResult.GetValue(Binary),
        Expect = parseResult.GetValue(Expect),
        Publishers = parseResult.GetValue(Publishers),
        Headers = parseResult.GetValue(Headers) ?? [],
        Subprotocols = parseResult.GetValue(Subprotocols) ?? [],
        ConnectTimeout = parseResult.GetValue(ConnectTimeout),
        Insecure = parseResult.GetValue(Insecure),
        CaCertificate = parseResult.GetValue(CaCertificate),
        ClientCertificate = parseResult.GetValue(ClientCertificate),
        ClientKey = parseResult.GetValue(ClientKey),
        ClientCertificatePassword = parseResult.GetValue(ClientCertificatePassword),
        NoTlsResume = parseResult.GetValue(NoTlsResume),
        Thresholds = parseResult.GetValue(Thresholds) ?? [],
        Name = parseResult.GetValue(Name),
    };
}
