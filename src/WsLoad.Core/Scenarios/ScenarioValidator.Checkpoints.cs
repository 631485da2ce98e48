using WsLoad.Checkpoints;

namespace WsLoad.Scenarios;

public static partial class ScenarioValidator
{
    private static void ValidateCheckpoints(List<ScenarioError> errors, IReadOnlyList<CheckpointOptions> checkpoints)
    {
        for (var i = 0; i < checkpoints.Count; i++)
        {
            var checkpoint = checkpoints[i];
            var path = $"checkpoints[{i}]";
            if (string.IsNullOrWhiteSpace(checkpoint.When))
                Add(errors, $"{path}.when", "must not be empty; write a condition such as 'rtt.p99[10s] > 500ms for 5s'");
            else if (!CheckpointCondition.TryParse(checkpoint.When, out _, out var error))
                Add(errors, $"{path}.when", error);

            if (checkpoint.After < TimeSpan.Zero)
                Add(errors, $"{path}.after", "must not be negative, e.g. 10s");

            var rampDown = checkpoint.Action == CheckpointAction.RampDown;
            if (rampDown && (checkpoint.CloseShare is null) == (checkpoint.CloseTo is null))
                Add(errors, path, "ramp-down needs exactly one of close (a share of the open connections, e.g. close: 50%) or to (close down to a count, e.g. to: 1000)");
            else if (!rampDown && (checkpoint.CloseShare is not null || checkpoint.CloseTo is not null))
                Add(errors, path, $"close and to belong to the ramp-down action, not {CheckpointOptions.ActionName(checkpoint.Action)}; remove them or write action: ramp-down");

            if (checkpoint.CloseShare is { } share && share is <= 0 or > 1)
                Add(errors, $"{path}.close", "must be a share above 0% and at most 100%, e.g. 50%");
            if (checkpoint.CloseTo is < 0)
                Add(errors, $"{path}.to", "must be 0 or more connections");
        }

        foreach (var duplicate in checkpoints.Where(c => !string.IsNullOrWhiteSpace(c.Name)).GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            Add(errors, "checkpoints", $"the name '{duplicate.Key}' is used twice; give each checkpoint its own name");
    }
}
