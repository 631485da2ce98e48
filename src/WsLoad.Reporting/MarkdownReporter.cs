using System.Globalization;
using System.Text;
using WsLoad.Reporting.Model;
using WsLoad.Results;
using FindingSeverity = WsLoad.Analysis.Conclusions.FindingSeverity;

namespace WsLoad.Reporting;

/// <summary>
/// The run as Markdown with GitHub tables: the executive summary (verdict, key figures against their targets, top
/// findings), recommendations, the technical deep dive, the scenario as run and the environment. Charts are in the
/// HTML and PDF reports; this one is for a pull request or a wiki page.
/// </summary>
public sealed class MarkdownReporter : TextReporterBase
{
    public override string Format => "md";

    public override string FileName => "report.md";

    protected override void Build(RunResult result, StringBuilder text)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(text);
        var model = ReportModel.Of(result);
        Line(text, $"# {result.Scenario.Name}: {model.Verdict.Headline}");
        text.AppendLine();
        Line(text, $"{result.Scenario.Target.Url.OriginalString} — started {result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC, ran {ReportFormat.Seconds(result.DurationSeconds)}.");
        text.AppendLine();
        Line(text, $"**{model.Verdict.Headline}:** {model.Verdict.Explanation}");
        if (model.Analysis is { } readiness)
        {
            text.AppendLine();
            Line(text, $"**Production readiness: {AnalysisTables.Decision(readiness.Verdict.Decision)}** (confidence {ReportFormat.Percent(100 * readiness.Verdict.Confidence)}):");
            text.AppendLine();
            foreach (var reason in readiness.Verdict.Reasons)
            {
                Line(text, $"- {AnalysisTables.Sentence(reason)}");
            }
        }

        Heading(text, "## Executive summary");
        Line(text, SteadyState.Note);
        text.AppendLine();
        Table(text, SteadyState.Table(result));
        text.AppendLine();
        Line(text, KeyFigure.Note);
        text.AppendLine();
        Table(text, new ReportTable(["key figure", "value", "target", "result"],
        [
            .. model.KeyFigures.Select(f => (IReadOnlyList<string>)[f.Name, f.Display, f.Target ?? "-", Status(f.Status)]),
        ]));
        text.AppendLine();
        foreach (var finding in model.Findings.Take(ReportModel.TopFindings))
        {
            Line(text, $"- {Marker(finding.Severity)} {finding.Text}");
        }

        Checkpoints(text, result);
        if (model.Analysis is { } analysis)
        {
            Section(text, "## Readiness checklist", AnalysisTables.Checklist(analysis));
            if (analysis.Verdict.Risks.Count > 0)
            {
                text.AppendLine();
                foreach (var risk in analysis.Verdict.Risks)
                {
                    Line(text, $"- **Risk:** {risk}");
                }
            }

            Section(text, "## Likely root causes", AnalysisTables.RootCauses(analysis));
        }

        Heading(text, "## Recommendations");
        var number = 1;
        foreach (var step in model.Recommendations)
        {
            Line(text, $"{number++}. {step.Action}  ");
            Line(text, $"   *Evidence:* {step.Evidence}");
        }

        Heading(text, "## Technical deep dive");
        Section(text, "### Thresholds", DeepDiveTables.Thresholds(result));
        Section(text, "### Connections", DeepDiveTables.Connections(result));
        Section(text, "### Connection ends", DeepDiveTables.ConnectionEnds(result));
        Heading(text, "### Latency, whole run");
        Line(text, $"Service time (rtt) is timed from the actual send; response time from the intended send, so it includes any delay in sending (coordinated omission corrected).");
        text.AppendLine();
        Table(text, DeepDiveTables.Latencies(result));
        Section(text, "### Delivery, order and integrity", DeepDiveTables.Delivery(result));
        if (result.Summary.Push is not null)
        {
            Section(text, "### Server push", PushTables.Summary(result));
            text.AppendLine();
            Line(text, PushTables.Note(result));
        }

        if (result.Summary.Fanout is not null)
        {
            Section(text, "### Broadcast fan-out", FanoutTables.Summary(result));
            text.AppendLine();
            Line(text, FanoutTables.Note);
            Section(text, "#### Channels", FanoutTables.Channels(result));
        }

        text.AppendLine();
        Line(text, DeepDiveTables.UnansweredAtCloseNote);
        Section(text, "### Errors by class", DeepDiveTables.Errors(result));
        Section(text, "### Events on the timeline", DeepDiveTables.Events(result));
        if (model.Analysis is { } found)
        {
            Section(text, "### Failure patterns", AnalysisTables.Patterns(found));
            Section(text, "### Anomalies and trends", AnalysisTables.AnomaliesAndTrends(found));
            Section(text, "### Capacity", AnalysisTables.Capacity(found));
        }
        if (model.Findings.Count > ReportModel.TopFindings)
        {
            Heading(text, "### All findings");
            foreach (var finding in model.Findings)
            {
                Line(text, $"- {Marker(finding.Severity)} {finding.Text}");
            }
        }

        Section(text, "### Resources", DeepDiveTables.Resources(result));
        Section(text, "### Workers", DeepDiveTables.Workers(result));
        if (result.GeneratorHealth is { } health)
        {
            text.AppendLine();
            Line(text, health.Saturated
                ? $"Generator health: saturated for {health.SaturatedIntervals} second(s); latencies then include the generator's own delay."
                : $"Generator health: not saturated (peak CPU {ReportFormat.Percent(health.MaxCpuPercent)} of one core, scheduling lag up to {ReportFormat.Ms(health.MaxSchedulingLagMs)}).");
        }

        Heading(text, "## Scenario as run");
        if (result.Environment.CommandLine is { Length: > 0 } commandLine)
        {
            Line(text, $"Command: `{commandLine.Replace("`", "'", StringComparison.Ordinal)}`");
            text.AppendLine();
        }

        text.AppendLine("```json").AppendLine(DeepDiveTables.ScenarioJson(result)).AppendLine("```");
        Section(text, "## Environment", DeepDiveTables.Environment(result));
    }

    /// <summary>The checkpoints' table and, with a pause-ramp checkpoint, the capacity answer under it.</summary>
    private static void Checkpoints(StringBuilder text, RunResult result)
    {
        Section(text, "### Checkpoints", CheckpointTables.Table(result));
        if (CheckpointTables.HealthyLevel(result) is { } healthy)
        {
            text.AppendLine();
            Line(text, $"**{AnalysisTables.Sentence(healthy)}** {CheckpointTables.HealthyLevelNote} {CheckpointTables.HealthyLevelCaveat(result)}".TrimEnd());
        }
    }

    private static string Status(FigureStatus status) => status switch
    {
        FigureStatus.Met => "met",
        FigureStatus.Missed => "**MISSED**",
        _ => "-",
    };

    private static string Marker(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Problem => "**Problem:**",
        FindingSeverity.Warning => "**Warning:**",
        _ => "OK:",
    };

    private static void Line(StringBuilder text, string line) => text.AppendLine(line);

    /// <summary>A heading with one blank line on each side (never two: headings may follow each other).</summary>
    private static void Heading(StringBuilder text, string heading)
    {
        if (!(text.Length >= 2 && text[^1] == '\n' && text[^2] == '\n'))
        {
            text.AppendLine();
        }

        text.AppendLine(heading).AppendLine();
    }

    private static void Section(StringBuilder text, string heading, ReportTable table)
    {
        if (table.IsEmpty)
        {
            return;
        }

        Heading(text, heading);
        Table(text, table);
    }

    private static void Table(StringBuilder text, ReportTable table)
    {
        text.AppendLine("| " + string.Join(" | ", table.Headers.Select(Cell)) + " |");
        text.AppendLine("|" + string.Concat(table.Headers.Select(_ => " --- |")));
        foreach (var row in table.Rows)
        {
            text.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        }
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
