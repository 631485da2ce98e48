using System.Text.RegularExpressions;
using WsLoad.Scenarios;
using YamlDotNet.RepresentationModel;

namespace WsLoad.Suites;

/// <summary>
/// <c>${name}</c> in a scenario's values, replaced by a suite variable in the freshly read YAML, so every other error
/// keeps its line and column. A name the suite does not define is an error where it is written, naming the ways to
/// define it.
/// </summary>
internal static partial class SuiteVariables
{
    /// <summary>The variable an embedded server's WebSocket URL is given as.</summary>
    public const string Url = "url";

    /// <summary>Stands in for an embedded server's URL while the suite is checked, before any server runs.</summary>
    public const string PlaceholderUrl = "ws://127.0.0.1:65535/ws";

    /// <summary>Replaces every reference in the scalars under <paramref name="node"/>; unknown ones are added to <paramref name="errors"/>.</summary>
    public static void Substitute(YamlNode node, IReadOnlyDictionary<string, string> variables, string file, List<ScenarioError> errors)
    {
        switch (node)
        {
            case YamlScalarNode { Value: { } value } scalar when value.Contains("${", StringComparison.Ordinal):
                scalar.Value = Reference().Replace(value, match =>
                {
                    var name = match.Groups["name"].Value;
                    if (variables.TryGetValue(name, out var replacement))
                    {
                        return replacement;
                    }

                    var how = name == Url
                        ? "give the suite a server: (its URL is ${url}), or set it with --url ws://… or variables: { url: ws://… }"
                        : $"define it under variables: in the suite, or with --var {name}=…";
                    errors.Add(new ScenarioError { File = file, Line = (int)scalar.Start.Line, Column = (int)scalar.Start.Column, Message = $"unknown variable ${{{name}}}; {how}" });
                    return match.Value;
                });
                break;
            case YamlMappingNode mapping:
                foreach (var (_, child) in mapping.Children)
                {
                    Substitute(child, variables, file, errors);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    Substitute(child, variables, file, errors);
                }

                break;
            default:
                break;
        }
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_.-]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
