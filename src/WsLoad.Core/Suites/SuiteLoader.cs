using System.Globalization;
using WsLoad.Scenarios;
using WsLoad.Scenarios.Loading;
using YamlDotNet.RepresentationModel;

namespace WsLoad.Suites;

/// <summary>
/// Loads a suite file (YAML or JSON) and every scenario it names, checking all of it before anything runs: errors name
/// the file, line and column (the suite's, or the scenario file's) and what to write instead, as for a scenario.
/// </summary>
public static partial class SuiteLoader
{
    private static readonly string[] RootFields = ["name", "description", "variables", "server", "onFailure", "targets", "before", "after", "cleanup", "scenarios"];
    private static readonly string[] ItemFields = ["file", "scenario", "parallel", "name", "override", "server", "needs", "passWhen", "before", "after"];
    private static readonly string[] ServerFields = ["mode", "args"];
    private static readonly string[] CleanupFields = ["run", "timeout"];
    private static readonly string[] ServerModes = ["echo", "ack", "broadcast", "push"];

    /// <summary>
    /// Loads and checks a suite file; throws <see cref="ScenarioException"/> with every problem found.
    /// <paramref name="variables"/> (from <c>--var</c>, <c>--url</c>) override the file's.
    /// </summary>
    public static Suite LoadFile(string path, IReadOnlyDictionary<string, string>? variables = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string text;
        try
        {
            text = System.IO.File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException([new ScenarioError { File = path, Message = $"cannot read the suite file: {e.Message}" }]);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path))!, variables);
    }

    /// <summary>Loads suite text; <paramref name="file"/> labels errors and <paramref name="baseDirectory"/> resolves scenario files.</summary>
    public static Suite Parse(string text, string file, string baseDirectory, IReadOnlyDictionary<string, string>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var context = new LoadContext(file) { BaseDirectory = baseDirectory };
        var root = ScenarioLoader.ReadDocument(text, context);
        if (root is null)
            throw new ScenarioException(context.SortedErrors());

        var map = FieldMap.Read(context, root, "", RootFields);
        if (map is null)
            throw new ScenarioException(context.SortedErrors());

        var fileVariables = map.StringMap("variables") ?? new Dictionary<string, string>();
        var merged = new Dictionary<string, string>(fileVariables, StringComparer.Ordinal);
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            merged[name] = value;
        }

        var suiteServer = ReadServer(map, "server", inherited: null);
        var before = ReadChecks(map, "before");
        var after = ReadChecks(map, "after");
        var extraErrors = new List<ScenarioError>();
        var loader = new ItemLoader(context, text, merged, extraErrors, suiteServer, before, after);
        var steps = new List<SuiteStep>();
        map.Require("scenarios", "the scenarios to run, e.g. [{ file: ../echo-basic.yaml }]");
        var index = 0;
        foreach (var (node, path) in map.List("scenarios", "[{ file: ../echo-basic.yaml }, { parallel: [ … ] }]") ?? [])
        {
            if (loader.ReadStep(node, path, index++) is { } step)
                steps.Add(step);
        }

        if (map["scenarios"] is YamlSequenceNode { Children.Count: 0 } empty)
            context.Error(empty, "scenarios", "the suite runs no scenario; list at least one, e.g. [{ file: ../echo-basic.yaml }]");

        var targets = map.StringList("targets", "['scenarios.passed == 100%']") ?? [];
        foreach (var (node, path) in map.List("targets", "") ?? [])
        {
            if (node is YamlScalarNode { Value: { } targetText } && !SuiteTarget.TryParse(targetText, out _, out var error))
                context.Error(node, path, error);
        }

        DuplicateNames(context, map, steps);
        var suite = new Suite
        {
            Name = map.String("name") ?? Path.GetFileNameWithoutExtension(file),
            Description = map.String("description"),
            File = file,
            Variables = merged,
            Server = suiteServer,
            OnFailure = ReadPolicy(map),
            Targets = targets.Count > 0 ? targets : Suite.DefaultTargets,
            Before = before,
            After = after,
            Cleanup = ReadCleanup(map),
            Steps = steps,
        };

        var errors = context.Errors.Concat(extraErrors).OrderBy(e => e.File == file ? 0 : 1).ThenBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList();
        if (errors.Count > 0)
            throw new ScenarioException(errors);
        return suite;
    }

    private static SuiteFailurePolicy ReadPolicy(FieldMap map)
    {
        var text = map.String("onFailure");
        switch (text?.Trim())
        {
            case null or "continue":
                return SuiteFailurePolicy.Continue;
            case "stop":
                return SuiteFailurePolicy.Stop;
            default:
                map.Context.Error(map["onFailure"]!, "onFailure", $"unknown value '{text}'; allowed: continue (go on with the next scenario), stop (skip the rest)");
                return SuiteFailurePolicy.Continue;
        }
    }

    /// <summary>A <c>server:</c> field: a mapping, or <c>none</c>; absent keeps <paramref name="inherited"/>.</summary>
    private static SuiteServer? ReadServer(FieldMap map, string key, SuiteServer? inherited)
    {
        if (map[key] is not { } node)
            return inherited;
        if (node is YamlScalarNode { Value: "none" })
            return null;
        if (FieldMap.Read(map.Context, node, map.PathOf(key), ServerFields) is not { } server)
            return inherited;
        var mode = server.String("mode") ?? "echo";
        if (!ServerModes.Contains(mode, StringComparer.Ordinal))
            server.Context.Error(server["mode"]!, server.PathOf("mode"), $"unknown server mode '{mode}'; allowed: {string.Join(", ", ServerModes)}");
        return new SuiteServer { Mode = mode, Args = server.StringList("args", "[\"--reply-delay\", \"5ms\"]") ?? [] };
    }

    private static List<CleanupStep> ReadCleanup(FieldMap map)
    {
        var steps = new List<CleanupStep>();
        foreach (var (node, path) in map.List("cleanup", "[{ run: 'rm -f /tmp/marker', timeout: 10s }]") ?? [])
        {
            if (FieldMap.Read(map.Context, node, path, CleanupFields) is not { } step)
                continue;
            step.Require("run", "a shell command, e.g. 'docker compose down'");
            var timeout = step.Duration("timeout") ?? TimeSpan.FromSeconds(30);
            if (timeout <= TimeSpan.Zero)
                step.Context.Error(step["timeout"]!, step.PathOf("timeout"), "must be greater than zero, e.g. 30s");
            steps.Add(new CleanupStep { Run = step.String("run") ?? "", Timeout = timeout });
        }

        return steps;
    }

    private static void DuplicateNames(LoadContext context, FieldMap map, List<SuiteStep> steps)
    {
        foreach (var group in steps.SelectMany(s => s.Scenarios).GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            context.Error(map["scenarios"]!, "scenarios", $"two scenarios are named '{group.Key}'; give each its own name: (it names its results folder)");
    }

    /// <summary>Whether a file is a suite rather than a scenario: its top level has a <c>scenarios</c> field. False when it cannot be read as YAML.</summary>
    public static bool LooksLikeSuite(string path)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(System.IO.File.ReadAllText(path)));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root && root.Children.ContainsKey(new YamlScalarNode("scenarios"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            return false; // the scenario loader says what is wrong with it
        }
    }

    internal static bool TryParseMemory(string text, out long bytes)
    {
        bytes = 0;
        var trimmed = text.Trim();
        var split = trimmed.Length;
        while (split > 0 && char.IsLetter(trimmed[split - 1]))
            split--;
        if (!double.TryParse(trimmed[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return false;
        double factor = trimmed[split..].ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "KB" or "KIB" => 1L << 10,
            "MB" or "MIB" => 1L << 20,
            "GB" or "GIB" => 1L << 30,
            _ => double.NaN,
        };
        if (double.IsNaN(factor))
            return false;
        bytes = (long)(number * factor);
        return true;
    }
}
