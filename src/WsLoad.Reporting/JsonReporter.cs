using System.Text;
using WsLoad.Results;

namespace WsLoad.Reporting;

/// <summary>The run as JSON: run.json itself (the analysis joins it when it exists).</summary>
public sealed class JsonReporter : TextReporterBase
{
    public override string Format => "json";

    public override string FileName => "report.json";

    protected override void Build(RunResult result, StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Append(RunResultJson.Serialize(result)).Append('\n');
    }
}
