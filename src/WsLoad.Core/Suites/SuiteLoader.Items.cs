using WsLoad.Scenarios;
using WsLoad.Scenarios.Loading;
using YamlDotNet.RepresentationModel;

namespace WsLoad.Suites;

public static partial class SuiteLoader
{
    /// <summary>
    /// Reads the suite's <c>scenarios</c> items. A scenario is resolved from a fresh read of its YAML each time (the
    /// suite's variables laid in, then its <c>override</c>), so the same code checks it at load time, with a stand-in
    /// for an embedded server's URL, and builds it at run time with the real one.
    /// </summary>
    private sealed class ItemLoader(
        LoadContext context, string suiteText, IReadOnlyDictionary<string, string> variables, List<ScenarioError> errors,
        SuiteServer? suiteServer, IReadOnlyList<EnvironmentCheck> suiteBefore, IReadOnlyList<EnvironmentCheck> suiteAfter)
    {
        public SuiteStep? ReadStep(YamlNode node, string path, int index)
        {
            if (FieldMap.Read(context, node, path, ItemFields) is not { } item)
                return null;
            if (item["parallel"] is null)
                return ReadScenario(item, [index]) is { } single ? new SuiteStep { Scenarios = [single] } : null;

            foreach (var other in ItemFields.Where(f => f != "parallel" && item[f] is not null))
                context.Error(item[other]!, item.PathOf(other), "a parallel group holds only its list; put the field on each scenario in it");
            var scenarios = new List<SuiteScenario>();
            var inner = 0;
            foreach (var (childNode, childPath) in item.List("parallel", "[{ file: a.yaml }, { file: b.yaml }]") ?? [])
            {
                if (FieldMap.Read(context, childNode, childPath, ItemFields) is not { } child)
                {
                    inner++;
                    continue;
                }

                if (child["parallel"] is { } nested)
                    context.Error(nested, child.PathOf("parallel"), "parallel groups do not nest; list the scenarios in one group");
                else if (ReadScenario(child, [index, inner]) is { } scenario)
                    scenarios.Add(scenario);
                inner++;
            }

            return scenarios.Count > 0 ? new SuiteStep { Scenarios = scenarios, Parallel = true } : null;
        }

        private SuiteScenario? ReadScenario(FieldMap item, int[] position)
        {
            var fileText = item.String("file");
            var hasInline = item["scenario"] is not null;
            if ((fileText is null) == !hasInline)
            {
                context.Error(item.Node, item.Path, "each item names one scenario: file: path/to/scenario.yaml, or scenario: { … } written inline (or is a parallel: group)");
                return null;
            }

            string? scenarioFile = null;
            if (fileText is not null)
            {
                scenarioFile = Path.GetFullPath(fileText, context.BaseDirectory!);
                if (!System.IO.File.Exists(scenarioFile))
                {
                    context.Error(item["file"]!, item.PathOf("file"), $"scenario file '{fileText}' not found (looked for {scenarioFile}); paths are relative to the suite file");
                    return null;
                }
            }

            var server = ReadServer(item, "server", suiteServer);
            var needs = item.StringList("needs", "[embedded-server]") ?? [];
            foreach (var (node, path) in item.List("needs", "") ?? [])
            {
                if (node is YamlScalarNode { Value: { } need } && need != SuiteScenario.NeedsEmbeddedServer)
                    context.Error(node, path, $"unknown need '{need}'; allowed: {SuiteScenario.NeedsEmbeddedServer} (the scenario injects server faults through the suite's own server)");
            }

            if (needs.Contains(SuiteScenario.NeedsEmbeddedServer) && server is null && !variables.ContainsKey(SuiteVariables.Url))
                context.Error(item.Node, item.Path, "it needs the embedded server but has none; give it (or the suite) server: { mode: echo }");

            var passWhen = item.String("passWhen") switch
            {
                null or "verdict" => PassRule.Verdict,
                "thresholds" => PassRule.Thresholds,
                var other => Unknown(item, other),
            };

            // Checked now, with a stand-in for the URL of a server that does not run yet.
            var loadVariables = new Dictionary<string, string>(variables, StringComparer.Ordinal);
            if (server is not null)
                loadVariables[SuiteVariables.Url] = SuiteVariables.PlaceholderUrl;
            // The item's name names the scenario too, so its run.json and reports match the suite's.
            var itemName = item.String("name");
            Scenario resolve(IReadOnlyDictionary<string, string> values) =>
                Build(values, scenarioFile, position, item.Path) is var built && itemName is not null ? built with { Name = itemName } : built;
            Scenario? checkedScenario = null;
            try
            {
                checkedScenario = resolve(loadVariables);
            }
            catch (ScenarioException exception)
            {
                errors.AddRange(exception.Errors);
                return null;
            }

            // The engine's own limits too (a stamp that does not fit a message), as a run would find them.
            var engineErrors = Engine.LoadTest.Validate(checkedScenario).Where(e => !ScenarioValidator.Validate(checkedScenario).Contains(e)).ToList();
            if (engineErrors.Count > 0)
            {
                var where = scenarioFile ?? context.File;
                errors.AddRange(engineErrors.Select(e => e with { File = where, Field = scenarioFile is null ? $"{item.Path}.scenario.{e.Field}" : e.Field }));
                return null;
            }

            return new SuiteScenario
            {
                Name = item.String("name") ?? checkedScenario.Name,
                File = scenarioFile,
                Scenario = checkedScenario,
                Resolve = resolve,
                Server = server,
                Needs = needs,
                PassWhen = passWhen,
                Before = [.. suiteBefore, .. ReadChecks(item, "before")],
                After = [.. suiteAfter, .. ReadChecks(item, "after")],
            };
        }

        private PassRule Unknown(FieldMap item, string value)
        {
            context.Error(item["passWhen"]!, item.PathOf("passWhen"), $"unknown value '{value}'; allowed: verdict (its readiness verdict is GO), thresholds (its thresholds all pass)");
            return PassRule.Verdict;
        }

        /// <summary>Reads the scenario afresh with <paramref name="values"/>: its file or inline node, then the item's override.</summary>
        private Scenario Build(IReadOnlyDictionary<string, string> values, string? scenarioFile, int[] position, string itemPath)
        {
            var problems = new List<ScenarioError>();
            var suiteRoot = ScenarioLoader.ReadDocument(suiteText, new LoadContext(context.File))!;
            var item = Navigate(suiteRoot, position);
            YamlNode root;
            LoadContext scenarioContext;
            if (scenarioFile is not null)
            {
                scenarioContext = new LoadContext(scenarioFile) { BaseDirectory = Path.GetDirectoryName(scenarioFile) };
                root = ScenarioLoader.ReadDocument(System.IO.File.ReadAllText(scenarioFile), scenarioContext)
                    ?? throw new ScenarioException(scenarioContext.SortedErrors());
                SuiteVariables.Substitute(root, values, scenarioFile, problems);
            }
            else
            {
                scenarioContext = new LoadContext(context.File) { BaseDirectory = context.BaseDirectory };
                root = item.Children[new YamlScalarNode("scenario")];
                SuiteVariables.Substitute(root, values, context.File, problems);
            }

            if (item.Children.TryGetValue(new YamlScalarNode("override"), out var overrides) && !NodeReader.IsNull(overrides))
            {
                SuiteVariables.Substitute(overrides, values, context.File, problems);
                if (overrides is not YamlMappingNode overrideMap || root is not YamlMappingNode rootMap)
                    problems.Add(new ScenarioError { File = context.File, Line = (int)overrides.Start.Line, Column = (int)overrides.Start.Column, Field = "override", Message = "expected a mapping of scenario fields, e.g. { connections: { count: 100 } }" });
                else
                    Overlay(rootMap, overrideMap);
            }

            if (problems.Count > 0)
                throw new ScenarioException(problems);
            if (scenarioFile is not null)
                return ScenarioLoader.FromNode(root, scenarioContext);

            // An inline scenario's errors are in the suite file: their fields say where in it.
            try
            {
                return ScenarioLoader.FromNode(root, scenarioContext);
            }
            catch (ScenarioException exception)
            {
                throw new ScenarioException([.. exception.Errors.Select(e => e with { Field = e.Field.Length == 0 ? $"{itemPath}.scenario" : $"{itemPath}.scenario.{e.Field}" })]);
            }
        }

        private static YamlMappingNode Navigate(YamlNode suiteRoot, int[] position)
        {
            YamlNode node = ((YamlMappingNode)suiteRoot).Children[new YamlScalarNode("scenarios")];
            node = ((YamlSequenceNode)node).Children[position[0]];
            if (position.Length > 1)
                node = ((YamlSequenceNode)((YamlMappingNode)node).Children[new YamlScalarNode("parallel")]).Children[position[1]];
            return (YamlMappingNode)node;
        }

        /// <summary>Lays <paramref name="top"/> over <paramref name="under"/>: mappings merge field by field, anything else replaces.</summary>
        private static void Overlay(YamlMappingNode under, YamlMappingNode top)
        {
            foreach (var (key, value) in top.Children)
            {
                if (under.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode existingMap && value is YamlMappingNode valueMap)
                    Overlay(existingMap, valueMap);
                else
                    under.Children[key] = value;
            }
        }
    }
}
