using System.Text.Json;
using System.Text.Json.Serialization;

namespace WsLoad.Suites;

/// <summary>Reads and writes suite.json (camelCase, enums in kebab-case such as <c>not-applicable</c>), atomically.</summary>
public static class SuiteResultJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize(SuiteResult result) => JsonSerializer.Serialize(result, Options);

    public static SuiteResult Deserialize(string json) =>
        JsonSerializer.Deserialize<SuiteResult>(json, Options) ?? throw new JsonException("suite.json is empty (null)");

    /// <summary>Writes suite.json through a temporary file and a rename, so a reader never sees half of it.</summary>
    public static async Task WriteAsync(SuiteResult result, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, Serialize(result), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public static async Task<SuiteResult> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        Deserialize(await File.ReadAllTextAsync(path, cancellationToken));
}
