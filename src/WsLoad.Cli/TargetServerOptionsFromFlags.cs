using System.Net.WebSockets;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Cli;

/// <summary>
/// The one place where <c>wsload serve</c> flags become <see cref="TargetServerOptions"/>. A flag that makes no sense
/// with the others is a usage error (exit 2) naming the flags; value ranges the server checks itself are reported
/// by <see cref="TargetServer.StartAsync"/> as an <see cref="ArgumentException"/> (also exit 2).
/// </summary>
internal static class TargetServerOptionsFromFlags
{
    /// <summary>Maps the flags; loads the TLS certificate files when given (the caller disposes the certificates).</summary>
    /// <exception cref="CliException">Flags that do not combine, or a certificate file that cannot be loaded (exit 2).</exception>
    public static TargetServerOptions Map(ServeFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        CheckCombinations(flags);
        var options = new TargetServerOptions
        {
            Host = flags.Host,
            Port = flags.Port,
            Path = flags.Path.StartsWith('/') ? flags.Path : "/" + flags.Path,
            Mode = flags.Mode,
            Verbose = flags.Verbose,
            Faults = MapFaults(flags),
        };
        if (flags.PushRate is { } rate)
        {
            options = options with { PushRatePerSecond = rate };
        }

        if (flags.PushSize is { } size)
        {
            options = options with { PushSize = size.Min };
        }

        if (flags.PushSkipEvery is { } skipEvery)
        {
            options = options with { PushSkipEvery = skipEvery };
        }

        return flags.TlsCertificate is null ? options : WithTls(options, flags);
    }

    private static ServerFaults MapFaults(ServeFlags flags)
    {
        var faults = new ServerFaults
        {
            RefuseUpgradeStatus = flags.RefuseUpgrades,
            RefuseAfterConnections = flags.RefuseAfter ?? 0,
            CloseAfterMessages = flags.CloseAfterMessages,
            CloseAllAfter = flags.CloseAllAfter,
            AbortAfterMessages = flags.AbortAfterMessages,
            StallAt = flags.StallAt,
            DropEvery = flags.DropEvery,
            CorruptEvery = flags.CorruptEvery,
            DuplicateEvery = flags.DuplicateEvery,
        };
        if (flags.ReplyDelay is { } delay)
        {
            faults = faults with
            {
                ReplyDelay = delay.First,
                ReplyDelayMax = delay.Distribution == DelayDistribution.Uniform ? delay.Second : null,
                ReplyDelayDeviation = delay.Distribution == DelayDistribution.Normal ? delay.Second : null,
                ReplyDelayExponential = delay.Distribution == DelayDistribution.Exponential,
            };
        }

        faults = faults with { CorruptPercent = flags.CorruptPercent, RefusePercent = flags.RefusePercent, ClosePercent = flags.ClosePercent, Seed = flags.FaultSeed };
        if (flags.AcceptDelay is { } accept)
        {
            faults = faults with { AcceptDelay = accept.First, AcceptDelayMax = accept.Distribution == DelayDistribution.Uniform ? accept.Second : null };
        }

        if (flags.StallFor is { } stallFor)
        {
            faults = faults with { StallFor = stallFor };
        }
        if (flags.CloseCode is { } code)
        {
            faults = faults with { CloseCode = (WebSocketCloseStatus)code };
        }

        if (flags.CloseReason is { } reason)
        {
            faults = faults with { CloseReason = reason };
        }

        if (flags.CpuPerMessage is { } cpu)
        {
            faults = faults with { CpuPerMessage = cpu };
        }

        // Connection drops (recovery testing).
        faults = faults with { DropAt = flags.DropAt, DropCount = flags.DropCount, DropPercent = flags.DropPercent };

        return faults == ServerFaults.None ? ServerFaults.None : faults;
    }

    private static TargetServerOptions WithTls(TargetServerOptions options, ServeFlags flags)
    {
        var certificate = Load("--tls-cert", () => CertificateFiles.LoadWithKey(flags.TlsCertificate!, flags.TlsKey, flags.TlsPassword));
        try
        {
            return options with
            {
                Certificate = certificate,
                RequireClientCertificate = flags.TlsRequireClientCertificate || flags.TlsClientCa is not null,
                ClientCertificateAuthority = flags.TlsClientCa is { } ca ? Load("--tls-client-ca", () => CertificateFiles.LoadCertificate(ca)) : null,
            };
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    private static T Load<T>(string flag, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{flag}: {e.Message}", ExitCodes.UsageError);
        }
    }

    private static void CheckCombinations(ServeFlags flags)
    {
        var push = flags.Mode == ServerMode.Push;
        Require(push || flags.PushRate is null, "--push-rate only applies to --mode push");
        Require(push || flags.PushSize is null, "--push-size only applies to --mode push");
        Require(push || flags.PushSkipEvery is null, "--push-skip-every only applies to --mode push");
        Require(flags.PushSkipEvery is null or >= 2, $"--push-skip-every must be at least 2 (1 would skip every number; e.g. --push-skip-every 10), got {flags.PushSkipEvery}");
        Require(flags.PushSize is null || (flags.PushSize.Min == flags.PushSize.Max && flags.PushSize.Choices.Count <= 1),
            $"--push-size takes one size (e.g. 100 or 1kb), not {flags.PushSize}");
        Require(flags.RefuseUpgrades is null or (>= 200 and <= 599), $"--refuse-upgrades takes an HTTP status 200-599, got {flags.RefuseUpgrades}");
        Require(flags.RefuseAfter is null || flags.RefuseUpgrades is not null || flags.RefusePercent is not null, "--refuse-after needs --refuse-upgrades STATUS or --refuse-percent P");
        Require(flags.CloseAfterMessages is null or >= 1, $"--close-after-messages must be at least 1, got {flags.CloseAfterMessages}");
        Require(flags.AbortAfterMessages is null or >= 1, $"--abort-after-messages must be at least 1, got {flags.AbortAfterMessages}");
        Require(flags.CloseAllAfter is null || flags.CloseAllAfter >= TimeSpan.Zero, "--close-all-after must not be negative");
        var closes = flags.CloseAfterMessages is not null || flags.CloseAllAfter is not null || flags.ClosePercent is not null;
        Require(flags.CloseCode is null or (>= 1000 and <= 4999 and not 1004 and not 1005 and not 1006 and not 1015),
            $"--close-code must be 1000-4999 and not reserved (1004, 1005, 1006, 1015), got {flags.CloseCode}");
        Require(closes || flags.CloseCode is null, "--close-code needs --close-after-messages, --close-all-after or --close-percent");
        Require(closes || flags.CloseReason is null, "--close-reason needs --close-after-messages, --close-all-after or --close-percent");
        CheckReplyFaults(flags);
        CheckDropFaults(flags);
        var tls = flags.TlsCertificate is not null;
        Require(tls || flags.TlsKey is null, "--tls-key needs --tls-cert (the PEM certificate it belongs to)");
        Require(tls || flags.TlsPassword is null, "--tls-password needs --tls-cert");
        Require(tls || !flags.TlsRequireClientCertificate, "--tls-require-client-cert needs --tls-cert (client certificates are a TLS feature)");
        Require(tls || flags.TlsClientCa is null, "--tls-client-ca needs --tls-cert (client certificates are a TLS feature)");
        Require(flags.TlsKey is null || !IsPkcs12(flags.TlsCertificate!), "--tls-key is for a PEM --tls-cert; a PFX carries its own key (use --tls-password)");
    }

    private static void CheckReplyFaults(ServeFlags flags)
    {
        var replyFaults = flags.ReplyDelay is not null || flags.StallAt is not null || flags.StallFor is not null
            || flags.CorruptEvery is not null || flags.DuplicateEvery is not null;
        var replies = flags.Mode is ServerMode.Echo or ServerMode.Ack;
        Require(!replyFaults || replies,
            "--reply-delay, --stall-at, --stall-for, --corrupt-every and --duplicate-every only apply to --mode echo or --mode ack");
        Require(flags.DropEvery is null || replies || flags.Mode == ServerMode.Broadcast,
            "--drop-every only applies to --mode echo, ack (replies) or broadcast (deliveries)");
        Require(flags.StallFor is null || flags.StallAt is not null, "--stall-for needs --stall-at");
        Require(flags.StallFor is null || flags.StallFor > TimeSpan.Zero, "--stall-for must be positive");
        Require(flags.CorruptEvery is null or >= 1, $"--corrupt-every must be at least 1, got {flags.CorruptEvery}");
        Require(flags.DropEvery is null or >= 1, $"--drop-every must be at least 1, got {flags.DropEvery}");
        Require(flags.DuplicateEvery is null or >= 1, $"--duplicate-every must be at least 1, got {flags.DuplicateEvery}");
        Require(flags.CorruptPercent is null || replies, "--corrupt-percent only applies to --mode echo or --mode ack");
        Require(flags.CpuPerMessage is null || replies, "--cpu-per-message only applies to --mode echo or --mode ack");
        Require(flags.CpuPerMessage is null || (flags.CpuPerMessage > TimeSpan.Zero && flags.CpuPerMessage <= TimeSpan.FromSeconds(1)),
            $"--cpu-per-message must be above 0 and at most 1s (e.g. 2ms), got {flags.CpuPerMessage?.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms");
        Require(flags.AcceptDelay is null || flags.AcceptDelay.Distribution is DelayDistribution.Fixed or DelayDistribution.Uniform,
            $"--accept-delay takes a delay (200ms) or a range (100ms-300ms), not {flags.AcceptDelay}");
        Require(flags.FaultSeed is null || flags.CorruptPercent is not null || flags.RefusePercent is not null || flags.ClosePercent is not null
            || flags.ReplyDelay is { Distribution: not DelayDistribution.Fixed } || flags.AcceptDelay is { Distribution: not DelayDistribution.Fixed },
            "--fault-seed needs a drawn fault: --corrupt-percent, --refuse-percent, --close-percent, or a --reply-delay/--accept-delay range or distribution");
    }

    private static void CheckDropFaults(ServeFlags flags)
    {
        var amount = flags.DropCount is not null || flags.DropPercent is not null;
        Require(flags.DropAt is null || amount, "--drop-at needs --drop-count N or --drop-percent P (e.g. --drop-at 5s --drop-count 500)");
        Require(flags.DropAt is not null || !amount, "--drop-count and --drop-percent need --drop-at (e.g. --drop-at 5s --drop-count 500)");
        Require(flags.DropCount is null || flags.DropPercent is null, "give --drop-count or --drop-percent, not both");
        Require(flags.DropAt is null || flags.DropAt >= TimeSpan.Zero, "--drop-at must not be negative");
        Require(flags.DropCount is null or >= 0, $"--drop-count must not be negative, got {flags.DropCount}");
        Require(flags.DropPercent is null or (>= 0 and <= 100), $"--drop-percent must be 0-100, got {flags.DropPercent}");
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CliException(message, ExitCodes.UsageError);
        }
    }
}
