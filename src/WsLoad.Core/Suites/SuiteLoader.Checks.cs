using WsLoad.Scenarios.Loading;

namespace WsLoad.Suites;

public static partial class SuiteLoader
{
    private static readonly Dictionary<string, string[]> CheckFields = new(StringComparer.Ordinal)
    {
        ["open-files"] = [],
        ["ports"] = [],
        ["free-memory"] = ["min"],
        ["reachable"] = ["url", "upgrade"],
        ["http"] = ["url", "status", "body"],
        ["server-resources"] = ["maxCpu", "maxMemory", "within"],
        ["command"] = ["run", "timeout"],
    };

    /// <summary>A <c>before:</c> or <c>after:</c> list of checks.</summary>
    private static List<EnvironmentCheck> ReadChecks(FieldMap map, string key)
    {
        var checks = new List<EnvironmentCheck>();
        foreach (var (node, path) in map.List(key, "[{ check: free-memory, min: 1GiB, remedy: 'stop what else runs here' }]") ?? [])
        {
            var kindText = node is YamlDotNet.RepresentationModel.YamlMappingNode mapping
                && mapping.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("check"), out var kindNode)
                && kindNode is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } value } ? value : null;
            var own = kindText is not null && CheckFields.TryGetValue(kindText, out var fields) ? fields : [];
            if (FieldMap.Read(map.Context, node, path, ["check", "remedy", .. own]) is not { } check)
                continue;
            if (!check.Require("check", $"its kind: {string.Join(", ", EnvironmentCheck.KindNames)}"))
                continue;
            var kind = EnvironmentCheck.KindNames.ToList().IndexOf(kindText ?? "");
            if (kind < 0)
            {
                var suggestion = NameSuggester.Closest(kindText ?? "", EnvironmentCheck.KindNames);
                check.Context.Error(check["check"]!, check.PathOf("check"), $"unknown check '{kindText}'{(suggestion is null ? "" : $" (did you mean '{suggestion}'?)")}; allowed: {string.Join(", ", EnvironmentCheck.KindNames)}");
                continue;
            }

            checks.Add(ReadCheck(check, Enum.GetValues<CheckKind>()[kind]));
        }

        return checks;
    }

    private static EnvironmentCheck ReadCheck(FieldMap check, CheckKind kind)
    {
        var result = new EnvironmentCheck { Kind = kind, Remedy = check.String("remedy") };
        switch (kind)
        {
            case CheckKind.FreeMemory:
                check.Require("min", "the memory that must be available, e.g. 1GiB");
                return result with { MinBytes = Memory(check, "min") };
            case CheckKind.Reachable:
                return result with { Url = Url(check, "url", ["ws", "wss"]), Upgrade = check.Bool("upgrade") ?? true };
            case CheckKind.Http:
                check.Require("url", "the health URL, e.g. http://127.0.0.1:8080/healthz");
                return result with { Url = Url(check, "url", ["http", "https"]), Status = check.Int("status") ?? 200, Body = check.String("body") };
            case CheckKind.ServerResources:
                var cpu = check.Number("maxCpu");
                var memory = Memory(check, "maxMemory");
                if (cpu is null && memory is null)
                    check.Context.Error(check.Node, check.Path, "name a bound: maxCpu (% of one core, e.g. 10) and/or maxMemory (e.g. 500MiB)");
                return result with { MaxCpuPercent = cpu, MaxMemoryBytes = memory, Within = check.Duration("within") ?? TimeSpan.FromSeconds(10) };
            case CheckKind.Command:
                check.Require("run", "a shell command whose exit code 0 means the check passes");
                return result with { Run = check.String("run"), Within = check.Duration("timeout") ?? TimeSpan.FromSeconds(30) };
            default:
                return result;
        }
    }

    private static long? Memory(FieldMap check, string key)
    {
        if (check.String(key) is not { } text)
            return null;
        if (TryParseMemory(text, out var bytes) && bytes > 0)
            return bytes;
        check.Context.Error(check[key]!, check.PathOf(key), $"'{text}' is not an amount of memory; write e.g. 512MiB, 1GiB or 2GB (1024-based)");
        return null;
    }

    private static Uri? Url(FieldMap check, string key, string[] schemes)
    {
        if (check.String(key) is not { } text)
            return null;
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && schemes.Contains(url.Scheme, StringComparer.Ordinal))
            return url;
        check.Context.Error(check[key]!, check.PathOf(key), $"'{text}' is not a {string.Join(" or ", schemes.Select(s => s + "://"))} URL");
        return null;
    }
}
