namespace WsLoad.Scenarios.Loading;

internal static partial class ScenarioMapper
{
    private static readonly string[] ClientFaultStepFields = ["at", "drop", "slowReader", "for", "pause", "malformed", "oversized", "size"];

    /// <summary>The <c>clientFaults</c> list, empty when the scenario has none.</summary>
    private static List<ClientFaultStep> MapClientFaults(FieldMap root)
    {
        var steps = new List<ClientFaultStep>();
        foreach (var (node, path) in root.List("clientFaults", "[{ at: 10s, drop: 10% }, { at: 20s, pause: 5s }]") ?? [])
        {
            if (FieldMap.Read(root.Context, node, path, ClientFaultStepFields) is not { } step)
                continue;
            step.Require("at", "when, since the run started, e.g. 10s");
            steps.Add(new ClientFaultStep
            {
                At = step.Duration("at") ?? TimeSpan.Zero,
                Drop = ReadValue<double>(step, "drop", ScenarioValues.TryParseProbability, ScenarioValues.ProbabilityForms),
                SlowReader = ReadValue<double>(step, "slowReader", ScenarioValues.TryParseProbability, ScenarioValues.ProbabilityForms),
                For = step.Duration("for"),
                Pause = step.Duration("pause"),
                Malformed = step.Int("malformed"),
                Oversized = step.Int("oversized"),
                Size = ReadValue<int>(step, "size", ScenarioValues.TryParseBytes, "a size in bytes like 70000, 64kb or 2mb"),
            });
        }

        return steps;
    }
}
