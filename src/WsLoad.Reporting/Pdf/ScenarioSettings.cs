using System.Globalization;
using System.Text.Json;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Reporting.Pdf;

/// <summary>
/// The scenario as run, as "path: value" lines (target.url, connections.ramp.duration, ...), read from its run.json
/// form so that every setting shows without a hand-kept list. Empty lists and objects are left out.
/// </summary>
internal static class ScenarioSettings
{
    public static List<(string Name, string Value)> Of(Scenario scenario)
    {
        var json = JsonSerializer.SerializeToElement(scenario, RunResultJson.Options);
        var settings = new List<(string, string)>();
        Flatten(json, "", settings);
        return settings;
    }

    private static void Flatten(JsonElement element, string path, List<(string, string)> settings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", settings);
                }

                break;
            case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                if (element.GetArrayLength() > 0)
                {
                    settings.Add((path, string.Join(", ", element.EnumerateArray().Select(Scalar))));
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}[{i++}]", settings);
                }

                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            default:
                settings.Add((path, Scalar(element)));
                break;
        }
    }

    private static string Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString() ?? "",
        JsonValueKind.Number => element.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : element.GetDouble().ToString("0.###", CultureInfo.InvariantCulture),
        _ => element.GetRawText(),
    };
}
