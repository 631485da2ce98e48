using WsLoad.Reporting.Model;
using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Junit;

/// <summary>
/// One test case per checkpoint, from run.json's checkpoint figures. A checkpoint that fired fails when its action says
/// the run went wrong (<c>abort</c>, <c>ramp-down</c>, <c>alert</c>); <c>pause-ramp</c> and <c>mark</c> never fail: holding
/// the ramp is how a capacity probe finds its answer, and a mark only notes a moment. One that never fired passes.
/// </summary>
internal static class JunitCheckpoints
{
    public static IEnumerable<JunitCheck> Of(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return (result.Checkpoints?.Items ?? []).Select(c => Check(result, c));
    }

    private static JunitCheck Check(RunResult result, CheckpointSummary checkpoint)
    {
        var check = new JunitCheck("wsload.checkpoints", checkpoint.Name);
        var fired = checkpoint.Fired > 0
            ? $"{checkpoint.When} fired {Count(checkpoint.Fired)} time(s), first at {Seconds(checkpoint.FirstFiredSeconds ?? 0)}, and held {Count(checkpoint.SecondsHeld)} of {Count(checkpoint.SecondsJudged)} judged second(s)"
            : $"{checkpoint.When} never fired in {Count(checkpoint.SecondsJudged)} judged second(s)";
        if (checkpoint.FiredAsFailure)
        {
            var stopped = ReferenceEquals(CheckpointTables.StoppedBy(result), checkpoint) ? CheckpointTables.StoppedTheRun : "";
            var message = $"fired at {Seconds(checkpoint.FirstFiredSeconds ?? 0)}, worst {CheckpointTables.Worst(checkpoint)}; action {checkpoint.Action}{stopped}";
            var events = CheckpointTables.EventsOf(result, checkpoint).Select(e => $"{Seconds(e.AtSeconds)}: {e.Description}");
            return check with { Failure = new("checkpoint-" + checkpoint.Action, message, string.Join("\n", [fired + ".", .. events])) };
        }

        return checkpoint.Action == "pause-ramp" && CheckpointTables.HealthyLevel(result) is { } healthy
            ? check with { SystemOut = $"{healthy}.\n{fired}." }
            : check with { SystemOut = checkpoint.Fired > 0 ? fired + "." : null };
    }
}
