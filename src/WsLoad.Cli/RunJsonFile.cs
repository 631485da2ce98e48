using System.Text.Json;
using WsLoad.Results;

namespace WsLoad.Cli;

/// <summary>Reads a run.json named on the command line, or fails with one line that says what is wrong and what to give.</summary>
internal static class RunJsonFile
{
    public static async Task<RunResult> ReadAsync(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: no such file; give the run.json a run wrote (e.g. wsload-results/run.json)", ExitCodes.UsageError);
        }

        try
        {
            return await RunResultJson.ReadAsync(path);
        }
        catch (JsonException exception)
        {
            throw new CliException($"{path}: not a run.json: {exception.Message}", ExitCodes.UsageError);
        }
    }
}
