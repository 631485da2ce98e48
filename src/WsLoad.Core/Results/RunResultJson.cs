using System.Text.Json;
using System.Text.Json.Serialization;

namespace WsLoad.Results;

/// <summary>Reads and writes run.json (camelCase, enums in kebab-case such as <c>thresholds-failed</c>).</summary>
public static class RunResultJson
{
    /// <summary>
    /// The serializer settings of run.json, shared by everything that writes it (on source-generated metadata). Reading a
    /// whole run.json goes through <see cref="Deserialize"/> or <see cref="ReadAsync"/>, which use the same settings on
    /// reflection metadata.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(compiled: true);

    /// <summary>
    /// The same settings for reading, on reflection metadata: the source generator's metadata sets every init-only
    /// property a document leaves out to null, overriding its initializer (an older run.json without <c>phases</c> would
    /// read as null phases), while reflection leaves the initializer's value. Reading is not on a run's path.
    /// </summary>
    private static JsonSerializerOptions ReadOptions { get; } = CreateOptions(compiled: false);

    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static async Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, result, Options, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static string Serialize(RunResult result) => JsonSerializer.Serialize(result, Options);

    public static RunResult Deserialize(string json) =>
        JsonSerializer.Deserialize<RunResult>(json, ReadOptions) ?? throw new JsonException("run.json is empty (null)");

    public static async Task<RunResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RunResult>(stream, ReadOptions, cancellationToken)
            ?? throw new JsonException($"{path}: run.json is empty (null)");
    }

    private static JsonSerializerOptions CreateOptions(bool compiled)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.TypeInfoResolver = compiled
            ? System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
                RunResultJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver())
            : new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }
}
