using System.Text.Json.Nodes;
using Json.Schema;

namespace WsLoad.Tests.Acceptance;

/// <summary>Validates run.json text against schema/run.schema.json.</summary>
internal static class RunJsonSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromFile(RepositoryPaths.Schema));

    /// <summary>Returns the validation errors, empty when the document is valid.</summary>
    public static IReadOnlyList<string> Validate(string runJson)
    {
        var node = JsonNode.Parse(runJson);
        var results = Schema.Value.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return results.Details
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
    }
}
