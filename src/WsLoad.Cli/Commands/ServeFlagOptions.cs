using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Cli.Commands;

/// <summary>The options of <c>wsload serve</c> and how they are read back into <see cref="ServeFlags"/>.</summary>
internal sealed class ServeFlagOptions
{
    public Option<string> Host { get; } = new("--host") { Description = "Address to listen on: an IP address, localhost, or * (all interfaces).", DefaultValueFactory = _ => "127.0.0.1" };

    public Option<int?> Port { get; } = new("--port", "-p") { Description = "TCP port; 0 (the default) lets the OS choose.", CustomParser = FlagParsers.WholeNumber };

    public Option<ServerMode> Mode { get; } = new("--mode", "-m")
    {
        Description = "echo: return each message; broadcast: send each message to every client of the sender's ?channel= (every client without one); push: the server sends on its own; "
            + "ack: answer each JSON message that has an \"id\" with {\"type\":\"ack\",\"id\":ID}.",
        DefaultValueFactory = _ => ServerMode.Echo,
    };

    public Option<string> Path { get; } = new("--path") { Description = "The WebSocket path.", DefaultValueFactory = _ => "/ws" };

    public Option<double?> PushRate { get; } = new("--push-rate") { Description = "Push mode: messages to each client (e.g. 10/s, 30/m). Default 1/s.", CustomParser = FlagParsers.Rate, HelpName = "RATE" };

    public Option<SizeSpec?> PushSize { get; } = new("--push-size") { Description = "Push mode: bytes per pushed message (e.g. 100, 1kb). Default 100.", CustomParser = FlagParsers.Size, HelpName = "SIZE" };

    public Option<int?> PushSkipEvery { get; } = new("--push-skip-every") { Description = "Fault (push): on each connection, never send the seq numbers N, 2N, 3N...; the next message carries the next number (a gap of one), counted as pushSkipped in /stats. At least 2.", CustomParser = FlagParsers.WholeNumber, HelpName = "N" };

    public Option<int?> RefuseUpgrades { get; } = new("--refuse-upgrades") { Description = "Fault: answer upgrade requests with this HTTP status (e.g. 503) instead of upgrading.", CustomParser = FlagParsers.WholeNumber, HelpName = "STATUS" };

    public Option<int?> RefuseAfter { get; } = new("--refuse-after") { Description = "Fault: with --refuse-upgrades, let this many upgrades through first.", CustomParser = FlagParsers.WholeNumber, HelpName = "N" };

    public Option<int?> CloseAfterMessages { get; } = new("--close-after-messages") { Description = "Fault: close each connection (with --close-code) once the server received this many messages on it.", CustomParser = FlagParsers.WholeNumber, HelpName = "N" };

    public Option<TimeSpan?> CloseAllAfter { get; } = new("--close-all-after") { Description = "Fault: close every open connection once, this long after the start (e.g. 30s).", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<int?> CloseCode { get; } = new("--close-code") { Description = "The close code of the close faults (1000-4999). Default 1000.", CustomParser = FlagParsers.WholeNumber, HelpName = "CODE" };

    public Option<string?> CloseReason { get; } = new("--close-reason") { Description = "The close reason of the close faults. Default \"closed by fault\".", HelpName = "TEXT" };

    public Option<int?> AbortAfterMessages { get; } = new("--abort-after-messages") { Description = "Fault: drop each connection's TCP connection, without a close frame, once the server received this many messages on it.", CustomParser = FlagParsers.WholeNumber, HelpName = "N" };

    public Option<DelaySpec?> ReplyDelay { get; } = new("--reply-delay") { Description = "Fault (echo, ack): hold each reply this long (25ms), a uniform draw from a range (10ms-40ms), a normal draw (normal:50ms/10ms, mean/sd, clamped at 0) or an exponential one (exp:20ms, its mean); order is kept.", CustomParser = Delay, HelpName = "DELAY" };

    public Option<TimeSpan?> StallAt { get; } = new("--stall-at") { Description = "Fault (echo, ack): stop answering this long after the start (e.g. 5s); replies are held, then sent in order.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<TimeSpan?> StallFor { get; } = new("--stall-for") { Description = "How long the --stall-at stall lasts. Default 1s.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<int?> CorruptEvery { get; } = new("--corrupt-every") { Description = "Fault (echo, ack): flip a bit in the last byte of every Nth reply not dropped.", CustomParser = FlagParsers.WholeNumber, HelpName = "N" };

    public Option<int?> DropEvery { get; } = new("--drop-every") { Description = "Fault (echo, ack, broadcast): swallow every Nth reply, or in broadcast mode every Nth delivery to a recipient, the sender's own copy included (counted over the whole server process; broadcastDroppedByFault in /stats).", CustomParser = FlagParsers.WholeNumber, HelpName = "N" };

    public Option<int?> DuplicateEvery { get; } = new("--duplicate-every") { Description = "Fault (echo, ack): send twice every Nth reply neither dropped nor corrupted.", CustomParser = FlagParsers.WholeNumber, HelpName = "N" };

    public Option<double?> CorruptPercent { get; } = new("--corrupt-percent") { Description = "Fault (echo, ack): corrupt this percentage (0-100) of the replies, at places drawn from --fault-seed (exactly that share of every 100/P replies).", CustomParser = Percent, HelpName = "PERCENT" };

    public Option<double?> RefusePercent { get; } = new("--refuse-percent") { Description = "Fault: refuse this percentage (0-100) of the upgrade requests, with --refuse-upgrades STATUS (default 503).", CustomParser = Percent, HelpName = "PERCENT" };

    public Option<double?> ClosePercent { get; } = new("--close-percent") { Description = "Fault: close this percentage (0-100) of the connections, with --close-code, after their first message (or --close-after-messages N).", CustomParser = Percent, HelpName = "PERCENT" };

    public Option<DelaySpec?> AcceptDelay { get; } = new("--accept-delay") { Description = "Fault: slow accepts; hold each upgrade response this long (200ms) or a uniform draw from a range (100ms-300ms).", CustomParser = Delay, HelpName = "DELAY" };

    public Option<TimeSpan?> CpuPerMessage { get; } = new("--cpu-per-message") { Description = "Fault (echo, ack): spend this much CPU on each received message before replying (e.g. 2ms or 500us; a busy loop, not a sleep; above 0, at most 1s), so enough load saturates the server's cores.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<long?> FaultSeed { get; } = new("--fault-seed") { Description = "The seed of the drawn faults (delays, percentages): the same seed hits the same replies, upgrades and connections. Default: random.", CustomParser = Seed, HelpName = "N" };

    public Option<string?> TlsCertificate { get; } = new("--tls-cert") { Description = "Serve wss://: a PFX/PKCS#12 file, or a PEM certificate (key in --tls-key or the same file).", HelpName = "FILE" };

    public Option<string?> TlsKey { get; } = new("--tls-key") { Description = "The PEM private key of a PEM --tls-cert.", HelpName = "FILE" };

    public Option<string?> TlsPassword { get; } = new("--tls-password") { Description = "The password of the PFX, or of an encrypted PEM key.", HelpName = "PASSWORD" };

    public Option<bool> TlsRequireClientCertificate { get; } = new("--tls-require-client-cert") { Description = "Clients must present a TLS certificate (any one, unless --tls-client-ca)." };

    public Option<string?> TlsClientCa { get; } = new("--tls-client-ca") { Description = "Client certificates must be issued by this CA (PEM or DER); implies --tls-require-client-cert.", HelpName = "FILE" };

    // ---- Connection drops (recovery testing) ----

    public Option<TimeSpan?> DropAt { get; } = new("--drop-at") { Description = "Fault: abort open connections at once, without a close frame, this long after the start (e.g. 5s); with --drop-count or --drop-percent. Example: --drop-at 5s --drop-count 500.", CustomParser = FlagParsers.Duration, HelpName = "DURATION" };

    public Option<int?> DropCount { get; } = new("--drop-count") { Description = "How many connections --drop-at drops (the oldest first).", CustomParser = FlagParsers.WholeNumber, HelpName = "N" };

    public Option<double?> DropPercent { get; } = new("--drop-percent") { Description = "Instead of --drop-count: the share of the open connections --drop-at drops, 0-100 (e.g. 50).", HelpName = "PERCENT" };

    public void AddTo(Command command)
    {
        Option[] all =
        [
            Host, Port, Mode, Path, PushRate, PushSize, PushSkipEvery, RefuseUpgrades, RefuseAfter, CloseAfterMessages, CloseAllAfter, CloseCode,
            CloseReason, AbortAfterMessages, ReplyDelay, StallAt, StallFor, CorruptEvery, DropEvery, DuplicateEvery, CorruptPercent, RefusePercent, ClosePercent, AcceptDelay, CpuPerMessage, FaultSeed, TlsCertificate, TlsKey, TlsPassword, TlsRequireClientCertificate, TlsClientCa,
            DropAt, DropCount, DropPercent,
        ];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }
    }

    public ServeFlags Read(ParseResult parseResult, bool verbose) => new()
    {
        Host = parseResult.GetRequiredValue(Host),
        Port = parseResult.GetValue(Port) ?? 0,
        Mode = parseResult.GetValue(Mode),
        Path = parseResult.GetRequiredValue(Path),
        PushRate = parseResult.GetValue(PushRate),
        PushSize = parseResult.GetValue(PushSize),
        PushSkipEvery = parseResult.GetValue(PushSkipEvery),
        RefuseUpgrades = parseResult.GetValue(RefuseUpgrades),
        RefuseAfter = parseResult.GetValue(RefuseAfter),
        CloseAfterMessages = parseResult.GetValue(CloseAfterMessages),
        CloseAllAfter = parseResult.GetValue(CloseAllAfter),
        CloseCode = parseResult.GetValue(CloseCode),
        CloseReason = parseResult.GetValue(CloseReason),
        AbortAfterMessages = parseResult.GetValue(AbortAfterMessages),
        ReplyDelay = parseResult.GetValue(ReplyDelay),
        StallAt = parseResult.GetValue(StallAt),
        StallFor = parseResult.GetValue(StallFor),
        CorruptEvery = parseResult.GetValue(CorruptEvery),
        DropEvery = parseResult.GetValue(DropEvery),
        DuplicateEvery = parseResult.GetValue(DuplicateEvery),
        CorruptPercent = parseResult.GetValue(CorruptPercent),
        RefusePercent = parseResult.GetValue(RefusePercent),
        ClosePercent = parseResult.GetValue(ClosePercent),
        AcceptDelay = parseResult.GetValue(AcceptDelay),
        CpuPerMessage = parseResult.GetValue(CpuPerMessage),
        FaultSeed = parseResult.GetValue(FaultSeed),
        Verbose = verbose,
        TlsCertificate = parseResult.GetValue(TlsCertificate),
        TlsKey = parseResult.GetValue(TlsKey),
        TlsPassword = parseResult.GetValue(TlsPassword),
        TlsRequireClientCertificate = parseResult.GetValue(TlsRequireClientCertificate),
        TlsClientCa = parseResult.GetValue(TlsClientCa),
        DropAt = parseResult.GetValue(DropAt),
        DropCount = parseResult.GetValue(DropCount),
        DropPercent = parseResult.GetValue(DropPercent),
    };

    /// <summary>"25ms" (fixed), "10ms-40ms" (uniform, low to high), "normal:50ms/10ms" or "exp:20ms".</summary>
    private static DelaySpec? Delay(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (DelaySpec.TryParse(text, out var spec))
        {
            return spec;
        }

        result.AddError($"{FlagOf(result)}: '{text}' is not {DelaySpec.Forms}");
        return null;
    }

    /// <summary>A percentage 0-100 such as 1, 2.5 or 2.5%.</summary>
    private static double? Percent(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100)
        {
            return percent;
        }

        result.AddError($"{FlagOf(result)}: '{text}' is not a percentage from 0 to 100 (e.g. 1, 2.5 or 2.5%)");
        return null;
    }

    private static long? Seed(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
        {
            return seed;
        }

        result.AddError($"{FlagOf(result)}: '{text}' is not a whole number");
        return null;
    }

    private static string FlagOf(ArgumentResult result) => (result.Parent as OptionResult)?.Option.Name ?? "value";
}
