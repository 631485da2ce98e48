using System.Text;
using WsLoad.Server.Tls;

namespace WsLoad.Server.Hosting;

/// <summary>Checks <see cref="TargetServerOptions"/> before anything is bound, so a bad flag fails with a clear message.</summary>
internal static class OptionsValidator
{
    private const int MaxCloseReasonBytes = 123;

    /// <summary>The most CPU a message may cost: past it one message holds a core for longer than any client waits.</summary>
    internal static readonly TimeSpan MaxCpuPerMessage = TimeSpan.FromSeconds(1);

    public static void Validate(TargetServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            errors.Add("Host must not be empty.");
        }

        Check(errors, options.Port is >= 0 and <= 65535, $"Port must be 0-65535, got {options.Port}.");
        Check(errors, options.Path.StartsWith('/'), $"Path must start with '/', got '{options.Path}'.");
        Check(errors, options.Path is not "/stats" and not "/health", $"Path '{options.Path}' is reserved for the HTTP endpoints.");
        Check(errors, options.PushRatePerSecond is > 0 and <= 1_000_000, $"PushRatePerSecond must be > 0 and <= 1000000, got {options.PushRatePerSecond}.");
        Check(errors, options.PushSize is >= 1 and <= 16 * 1024 * 1024, $"PushSize must be 1 to 16 MiB, got {options.PushSize}.");
        Check(errors, options.PushSkipEvery is null or >= 2, $"PushSkipEvery must be at least 2 (1 would skip every number), got {options.PushSkipEvery}.");
        Check(errors, options.PushSkipEvery is null || options.Mode == ServerMode.Push, $"PushSkipEvery needs push mode, not {options.Mode}.");
        Check(errors, options.SendQueueCapacity >= 1, $"SendQueueCapacity must be at least 1, got {options.SendQueueCapacity}.");
        Check(errors, options.MaxMessageBytes >= 1, $"MaxMessageBytes must be at least 1, got {options.MaxMessageBytes}.");
        Check(errors, options.KeepAliveInterval >= TimeSpan.Zero, "KeepAliveInterval must not be negative.");
        Check(errors, options.CloseTimeout > TimeSpan.Zero, "CloseTimeout must be positive.");
        Check(errors, options.ListenBacklog >= 1, $"ListenBacklog must be at least 1, got {options.ListenBacklog}.");
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentNullException.ThrowIfNull(options.Faults);
        errors.AddRange(FaultErrors(options.Faults, options.Mode));
        errors.AddRange(Faults.ConnectionDropper.Validate(options.Faults));
        errors.AddRange(ServerTls.Validate(options));

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid target server options: " + string.Join(" ", errors), nameof(options));
        }
    }

    /// <summary>Every problem of a fault plan for a server in <paramref name="mode"/> (none: it is valid).</summary>
    public static List<string> FaultErrors(ServerFaults faults, ServerMode mode)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var errors = new List<string>();
        ValidateFaults(faults, errors);
        ValidateReplyFaults(faults, mode, errors);
        Faults.SeededFaultsValidator.Validate(faults, errors);
        return errors;
    }

    private static void ValidateFaults(ServerFaults faults, List<string> errors)
    {
        Check(errors, faults.RefuseUpgradeStatus is null or (>= 200 and <= 599 and not 101),
            $"RefuseUpgradeStatus must be an HTTP status 200-599, got {faults.RefuseUpgradeStatus}.");
        Check(errors, faults.RefuseAfterConnections >= 0, "RefuseAfterConnections must not be negative.");
        Check(errors, faults.CloseAfterMessages is null or >= 1, "CloseAfterMessages must be at least 1.");
        Check(errors, faults.AbortAfterMessages is null or >= 1, "AbortAfterMessages must be at least 1.");
        Check(errors, faults.CloseAllAfter is null || faults.CloseAllAfter.Value >= TimeSpan.Zero, "CloseAllAfter must not be negative.");
        var code = (int)faults.CloseCode;
        Check(errors, code is >= 1000 and <= 4999 and not 1004 and not 1005 and not 1006 and not 1015,
            $"CloseCode must be 1000-4999 and not reserved (1004, 1005, 1006, 1015), got {code}.");
        Check(errors, faults.CloseReason is not null && Encoding.UTF8.GetByteCount(faults.CloseReason) <= MaxCloseReasonBytes,
            $"CloseReason must be at most {MaxCloseReasonBytes} UTF-8 bytes.");
    }

    /// <summary>Whether the server answers each message itself (echo and ack modes): only then do the reply faults, the stall and the CPU cost apply.</summary>
    public static bool Replies(ServerMode mode) => mode is ServerMode.Echo or ServerMode.Ack;

    private static void ValidateReplyFaults(ServerFaults faults, ServerMode mode, List<string> errors)
    {
        // DropEvery also drops broadcast deliveries; the other reply faults need a reply.
        Check(errors, !(faults with { DropEvery = null }).HasReplyFaults || Replies(mode),
            $"The reply faults (delay, stall, corrupt, duplicate) need echo mode or ack mode, not {mode}.");
        Check(errors, faults.DropEvery is null || Replies(mode) || mode == ServerMode.Broadcast,
            $"DropEvery needs echo, ack or broadcast mode, not {mode}.");
        Check(errors, faults.ReplyDelay >= TimeSpan.Zero, "ReplyDelay must not be negative.");
        Check(errors, faults.ReplyDelayMax is null || faults.ReplyDelayMax.Value >= faults.ReplyDelay,
            "ReplyDelayMax must not be below ReplyDelay.");
        Check(errors, faults.StallAt is null || faults.StallAt.Value >= TimeSpan.Zero, "StallAt must not be negative.");
        Check(errors, faults.StallFor > TimeSpan.Zero, "StallFor must be positive.");
        Check(errors, faults.DropEvery is null or >= 1, "DropEvery must be at least 1.");
        Check(errors, faults.CorruptEvery is null or >= 1, "CorruptEvery must be at least 1.");
        Check(errors, faults.DuplicateEvery is null or >= 1, "DuplicateEvery must be at least 1.");
        Check(errors, faults.CpuPerMessage >= TimeSpan.Zero && faults.CpuPerMessage <= MaxCpuPerMessage,
            $"CpuPerMessage must be 0 (off) to 1s, got {faults.CpuPerMessage.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}ms.");
        Check(errors, faults.CpuPerMessage == TimeSpan.Zero || Replies(mode), $"CpuPerMessage needs echo mode or ack mode, not {mode}.");
    }

    internal static void Check(List<string> errors, bool condition, string message)
    {
        if (!condition)
        {
            errors.Add(message);
        }
    }
}
