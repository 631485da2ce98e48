using System.Globalization;
using System.Net.WebSockets;
using WsLoad.Scenarios;

namespace WsLoad.Server.Hosting;

/// <summary>
/// A fault plan as <c>/admin/faults</c> reads and writes it: camelCase fields, durations and delays as text
/// (<c>25ms</c>, <c>10ms-40ms</c>, <c>normal:50ms/10ms</c>, <c>exp:20ms</c>), numbers as numbers or strings. Absent
/// fields are off. The same field names are a scenario's <c>serverFaults.at[].set</c> (<see cref="ServerFaultPlanFields"/>).
/// </summary>
internal sealed record FaultPlanDocument
{
    public string? ReplyDelay { get; init; }

    public double? CorruptPercent { get; init; }

    public long? CorruptEvery { get; init; }

    public long? DropEvery { get; init; }

    public long? DuplicateEvery { get; init; }

    public int? RefuseStatus { get; init; }

    public double? RefusePercent { get; init; }

    public long? RefuseAfter { get; init; }

    public double? ClosePercent { get; init; }

    public long? CloseAfterMessages { get; init; }

    public int? CloseCode { get; init; }

    public string? CloseReason { get; init; }

    public string? CloseAllAfter { get; init; }

    public long? AbortAfterMessages { get; init; }

    public string? AcceptDelay { get; init; }

    public string? StallAt { get; init; }

    public string? StallFor { get; init; }

    public long? Seed { get; init; }

    /// <summary>CPU each received message costs the server (echo and ack modes), e.g. <c>2ms</c>: above 0, at most 1s.</summary>
    public string? CpuPerMessage { get; init; }

    /// <summary>The plan as a document (defaults left out).</summary>
    public static FaultPlanDocument From(ServerFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var defaults = ServerFaults.None;
        var replyDelay = faults.ReplyDelay > TimeSpan.Zero || faults.ReplyDelayMax is not null || faults.ReplyDelayDeviation is not null;
        var acceptDelay = faults.AcceptDelay > TimeSpan.Zero || faults.AcceptDelayMax is not null;
        return new FaultPlanDocument
        {
            ReplyDelay = replyDelay || faults.ReplyDelayExponential ? faults.ReplyDelaySpec.ToString() : null,
            CorruptPercent = faults.CorruptPercent,
            CorruptEvery = faults.CorruptEvery,
            DropEvery = faults.DropEvery,
            DuplicateEvery = faults.DuplicateEvery,
            RefuseStatus = faults.RefuseUpgradeStatus,
            RefusePercent = faults.RefusePercent,
            RefuseAfter = faults.RefuseAfterConnections == 0 ? null : faults.RefuseAfterConnections,
            ClosePercent = faults.ClosePercent,
            CloseAfterMessages = faults.CloseAfterMessages,
            CloseCode = faults.CloseCode == defaults.CloseCode ? null : (int)faults.CloseCode,
            CloseReason = faults.CloseReason == defaults.CloseReason ? null : faults.CloseReason,
            CloseAllAfter = faults.CloseAllAfter is { } closeAll ? Text(closeAll) : null,
            AbortAfterMessages = faults.AbortAfterMessages,
            AcceptDelay = acceptDelay ? faults.AcceptDelaySpec.ToString() : null,
            StallAt = faults.StallAt is { } stallAt ? Text(stallAt) : null,
            StallFor = faults.StallFor == defaults.StallFor ? null : Text(faults.StallFor),
            Seed = faults.Seed,
            CpuPerMessage = faults.CpuPerMessage > TimeSpan.Zero ? Text(faults.CpuPerMessage) : null,
        };
    }

    /// <summary>The plan this document describes; <paramref name="errors"/> gets a line per field it cannot read.</summary>
    public ServerFaults ToFaults(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var faults = new ServerFaults
        {
            CorruptPercent = CorruptPercent,
            CorruptEvery = CorruptEvery,
            DropEvery = DropEvery,
            DuplicateEvery = DuplicateEvery,
            RefuseUpgradeStatus = RefuseStatus,
            RefusePercent = RefusePercent,
            RefuseAfterConnections = RefuseAfter ?? 0,
            ClosePercent = ClosePercent,
            CloseAfterMessages = CloseAfterMessages,
            CloseAllAfter = Duration(errors, "closeAllAfter", CloseAllAfter),
            AbortAfterMessages = AbortAfterMessages,
            StallAt = Duration(errors, "stallAt", StallAt),
            Seed = Seed,
        };
        if (CloseCode is { } code)
        {
            faults = faults with { CloseCode = (WebSocketCloseStatus)code };
        }

        if (CloseReason is { } reason)
        {
            faults = faults with { CloseReason = reason };
        }

        if (Duration(errors, "stallFor", StallFor) is { } stallFor)
        {
            faults = faults with { StallFor = stallFor };
        }

        if (CpuCost(errors, CpuPerMessage) is { } cpu)
        {
            faults = faults with { CpuPerMessage = cpu };
        }

        if (Delay(errors, "replyDelay", ReplyDelay) is { } reply)
        {
            faults = faults with
            {
                ReplyDelay = reply.First,
                ReplyDelayMax = reply.Distribution == DelayDistribution.Uniform ? reply.Second : null,
                ReplyDelayDeviation = reply.Distribution == DelayDistribution.Normal ? reply.Second : null,
                ReplyDelayExponential = reply.Distribution == DelayDistribution.Exponential,
            };
        }

        if (Delay(errors, "acceptDelay", AcceptDelay) is { } accept)
        {
            if (accept.Distribution is DelayDistribution.Fixed or DelayDistribution.Uniform)
            {
                faults = faults with { AcceptDelay = accept.First, AcceptDelayMax = accept.Distribution == DelayDistribution.Uniform ? accept.Second : null };
            }
            else
            {
                errors.Add($"acceptDelay: '{AcceptDelay}' must be a fixed delay (200ms) or a range (100ms-300ms).");
            }
        }

        return faults;
    }

    private static string Text(TimeSpan value) => value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static TimeSpan? Duration(List<string> errors, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (ScenarioValues.TryParseDuration(text, out var value) && value >= TimeSpan.Zero)
        {
            return value;
        }

        errors.Add($"{field}: '{text}' is not {ScenarioValues.DurationForms}.");
        return null;
    }

    private static TimeSpan? CpuCost(List<string> errors, string? text)
    {
        if (Duration(errors, "cpuPerMessage", text) is not { } cost)
        {
            return null;
        }

        if (cost > TimeSpan.Zero && cost <= TimeSpan.FromSeconds(1))
        {
            return cost;
        }

        errors.Add($"cpuPerMessage: '{text}' must be above 0 and at most 1s (e.g. 2ms).");
        return null;
    }

    private static DelaySpec? Delay(List<string> errors, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DelaySpec.TryParse(text, out var spec))
        {
            return spec;
        }

        errors.Add($"{field}: '{text}' is not {DelaySpec.Forms}.");
        return null;
    }
}
