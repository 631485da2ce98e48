using System.Text.Json.Nodes;
using Json.Schema;

namespace WsLoad.Tests.Acceptance;

/// <summary>
/// Validates scenario and suite documents (YAML, typed as an editor types it) against schema/scenario.schema.json and
/// schema/suite.schema.json. The suite schema's <c>$ref</c> to the scenario schema is resolved through a registry that
/// holds both, so nothing is fetched.
/// </summary>
internal static class ConfigSchemas
{
    private static readonly Lazy<JsonSchema> Scenario = new(() => JsonSchema.FromFile(RepositoryPaths.ScenarioSchema));
    private static readonly Lazy<JsonSchema> Suite = new(() => JsonSchema.FromFile(RepositoryPaths.SuiteSchema));

    /// <summary>The validation errors of a scenario document, empty when it is valid.</summary>
    public static IReadOnlyList<string> ValidateScenario(string yaml) => Validate(Scenario.Value, YamlJson.Parse(yaml));

    /// <summary>The validation errors of a suite document, empty when it is valid.</summary>
    public static IReadOnlyList<string> ValidateSuite(string yaml) => Validate(Suite.Value, YamlJson.Parse(yaml));

    private static List<string> Validate(JsonSchema schema, JsonNode? document)
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List };
        options.SchemaRegistry.Register(Scenario.Value);
        options.SchemaRegistry.Register(Suite.Value);
        var results = schema.Evaluate(document, options);
        if (results.IsValid)
            return [];
        var errors = results.Details
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid"];
    }
}
