namespace WsLoad.Scenarios.Loading;

internal static partial class ScenarioMapper
{
    private static readonly string[] CheckpointFields = ["name", "when", "action", "close", "to", "after"];

    /// <summary>The <c>checkpoints</c> list, empty when the scenario has none. Conditions are checked by the validator.</summary>
    private static List<CheckpointOptions> MapCheckpoints(FieldMap root)
    {
        var checkpoints = new List<CheckpointOptions>();
        foreach (var (node, path) in root.List("checkpoints", "[{ when: 'rtt.p99[10s] > 500ms for 5s', action: abort }]") ?? [])
        {
            if (FieldMap.Read(root.Context, node, path, CheckpointFields) is not { } map)
                continue;
            map.Require("when", "the condition, e.g. 'rtt.p99[10s] > 500ms for 5s'");
            map.Require("action", $"what to do when it holds: {string.Join(", ", CheckpointOptions.ActionNames)}");
            var action = CheckpointAction.Mark;
            if (map.String("action") is { } actionText && !CheckpointOptions.TryParseAction(actionText, out action))
            {
                map.Context.Error(map["action"]!, map.PathOf("action"), $"unknown action '{actionText}'; allowed: {string.Join(", ", CheckpointOptions.ActionNames)}");
            }

            checkpoints.Add(new CheckpointOptions
            {
                Name = map.String("name"),
                When = map.String("when") ?? "",
                Action = action,
                CloseShare = ReadValue<double>(map, "close", ScenarioValues.TryParseProbability, "a share of the open connections such as 50% or 0.5"),
                CloseTo = map.Int("to"),
                After = map.Duration("after") ?? TimeSpan.Zero,
            });
        }

        return checkpoints;
    }
}
