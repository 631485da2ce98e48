using System.Text.Json;
using System.Text.Json.Nodes;

namespace WsLoad.Cli.Console;

/// <summary>
/// What <c>--output json</c> prints on stdout: the blocks of run.json that decide a run (status, statusReason,
/// thresholds, checkpoints when the scenario has them, summary, errorsByClass), cut from run.json's own text so the
/// shapes match exactly, plus <c>runJson</c>, the path of the full file.
/// </summary>
internal static class JsonSummaryWriter
{
    private static readonly string[] Blocks = ["schemaVersion", "status", "statusReason", "thresholds", "checkpoints", "summary", "errorsByClass"];

    public static string Build(string runJson, string runJsonPath)
    {
        var full = JsonNode.Parse(runJson)?.AsObject()
            ?? throw new InvalidOperationException("run.json serialised to nothing");
        var picked = new JsonObject();
        foreach (var block in Blocks)
        {
            // Match names case-insensitively: run.json's naming policy belongs to RunResultJson.
            var property = full.FirstOrDefault(p => string.Equals(p.Key, block, StringComparison.OrdinalIgnoreCase));
            if (property.Key is not null)
            {
                picked[property.Key] = property.Value?.DeepClone();
            }
        }

        picked["runJson"] = runJsonPath;
        return picked.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
