using WsLoad.Server.Hosting;

namespace WsLoad.Server.Faults;

/// <summary>Checks the distribution, percentage and slow-accept faults of a <see cref="ServerFaults"/>.</summary>
internal static class SeededFaultsValidator
{
    /// <summary>The longest accept delay: past it, clients time out and the fault tests nothing but their timeouts.</summary>
    private static readonly TimeSpan MaxAcceptDelay = TimeSpan.FromMinutes(5);

    public static void Validate(ServerFaults faults, List<string> errors)
    {
        var shapes = (faults.ReplyDelayMax is null ? 0 : 1) + (faults.ReplyDelayDeviation is null ? 0 : 1) + (faults.ReplyDelayExponential ? 1 : 0);
        OptionsValidator.Check(errors, shapes <= 1, "Set at most one of ReplyDelayMax (uniform), ReplyDelayDeviation (normal) and ReplyDelayExponential.");
        OptionsValidator.Check(errors, faults.ReplyDelayDeviation is null || faults.ReplyDelayDeviation.Value >= TimeSpan.Zero, "ReplyDelayDeviation must not be negative.");
        OptionsValidator.Check(errors, !faults.ReplyDelayExponential || faults.ReplyDelay > TimeSpan.Zero, "ReplyDelayExponential needs a ReplyDelay (its mean) above zero.");
        Percent(errors, nameof(ServerFaults.CorruptPercent), faults.CorruptPercent);
        Percent(errors, nameof(ServerFaults.RefusePercent), faults.RefusePercent);
        Percent(errors, nameof(ServerFaults.ClosePercent), faults.ClosePercent);
        OptionsValidator.Check(errors, faults.AcceptDelay >= TimeSpan.Zero && faults.AcceptDelay <= MaxAcceptDelay,
            $"AcceptDelay must be 0 to {MaxAcceptDelay.TotalMinutes} minutes.");
        OptionsValidator.Check(errors, faults.AcceptDelayMax is null || (faults.AcceptDelayMax.Value >= faults.AcceptDelay && faults.AcceptDelayMax.Value <= MaxAcceptDelay),
            $"AcceptDelayMax must be at least AcceptDelay and at most {MaxAcceptDelay.TotalMinutes} minutes.");
    }

    private static void Percent(List<string> errors, string name, double? value) =>
        OptionsValidator.Check(errors, value is null || (double.IsFinite(value.Value) && value.Value is >= 0 and <= 100),
            $"{name} must be 0-100, got {value}.");
}
