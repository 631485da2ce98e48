namespace WsLoad.Scenarios.Loading;

internal static partial class ScenarioMapper
{
    private static readonly string[] ServerFaultFields = ["admin", "at"];
    private static readonly string[] ServerFaultStepFields = ["at", "set", "stall", "clear"];

    /// <summary>The <c>serverFaults</c> section, or null when the scenario has none.</summary>
    private static ServerFaultOptions? MapServerFaults(FieldMap root)
    {
        if (root.Map("serverFaults", ServerFaultFields) is not { } map)
            return null;
        var steps = new List<ServerFaultStep>();
        foreach (var (node, path) in map.List("at", "[{ at: 10s, set: { replyDelay: 50ms } }, { at: 30s, clear: true }]") ?? [])
        {
            if (FieldMap.Read(map.Context, node, path, ServerFaultStepFields) is not { } step)
                continue;
            step.Require("at", "when, since the run started, e.g. 10s");
            steps.Add(new ServerFaultStep
            {
                At = step.Duration("at") ?? TimeSpan.Zero,
                Set = step.StringMap("set"),
                Stall = step.Duration("stall"),
                Clear = step.Bool("clear") ?? false,
            });
        }

        return new ServerFaultOptions { Admin = MapAdmin(map), At = steps };
    }

    private static Uri? MapAdmin(FieldMap map)
    {
        var text = map.String("admin");
        if (text is null)
            return null;
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url))
            return url;
        map.Context.Error(map["admin"]!, map.PathOf("admin"), $"'{text}' is not a URL; expected http://host:port/admin");
        return null;
    }
}
