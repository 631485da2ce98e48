using System.Text.Json;
using System.Text.Json.Serialization;

namespace WsLoad.Sinks.Dashboard;

/// <summary>The dashboard's JSON: camelCase as run.json, on one line (an SSE <c>data:</c> field), null figures left out.</summary>
internal static class DashboardJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null, // error classes and message types are names, kept as they are
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
