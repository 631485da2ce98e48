using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Pdf;

internal sealed partial class PdfReport
{
    /// <summary>The scenario as run (every setting, flattened) and the environment it ran in.</summary>
    private void ScenarioAndEnvironment()
    {
        var result = _model.Result;
        _pages.Heading("Scenario as run");
        PdfTable.Pairs(_pages, ScenarioSettings.Of(result.Scenario), "setting", "value");

        var env = result.Environment;
        _pages.Heading("Environment");
        PdfTable.Pairs(_pages,
        [
            ("machine", env.MachineName),
            ("OS", env.Os),
            ("runtime", env.Runtime),
            ("cores", Count(env.ProcessorCount)),
            ("memory", env.TotalMemoryBytes > 0 ? Bytes(env.TotalMemoryBytes) : "-"),
            ("open-file limit", env.OpenFileLimit is { } limit ? Count(limit) : "unknown"),
            ("ephemeral port range", env.EphemeralPortRange ?? "unknown"),
            ("command line", env.CommandLine.Length > 0 ? env.CommandLine : "-"),
            ("tool", $"{result.Tool} {result.ToolVersion}".Trim()),
            ("run.json schema", Count(result.SchemaVersion)),
            ("started (UTC)", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
            ("duration", Seconds(result.DurationSeconds)),
            ("status", _model.Verdict.Headline + (result.StatusReason is { Length: > 0 } reason ? $": {reason}" : "")),
        ]);
    }
}
