namespace WsLoad.Results;

/// <summary>Reads and writes run.json.</summary>
public static class RunResultJson
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public static Task WriteAsync(RunResult result, string path, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException(result?.ToString() + path + cancellationToken.IsCancellationRequested);

    public static string Serialize(RunResult result) => throw new NotImplementedException(result?.ToString());

    public static RunResult Deserialize(string json) => throw new NotImplementedException(json);
}
