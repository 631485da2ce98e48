using WsLoad.Reporting.Model;
using static WsLoad.Reporting.Model.ReportFormat;
using FindingSeverity = WsLoad.Analysis.Conclusions.FindingSeverity;

namespace WsLoad.Reporting.Html;

/// <summary>The top of the report: the verdict, the executive summary (key figures, top findings) and the recommendations.</summary>
internal static class HtmlSummary
{
    public static void Write(HtmlWriter html, ReportModel model)
    {
        var result = model.Result;
        var verdict = model.Verdict;
        html.Raw($"<header class=\"verdict verdict-{verdict.Kind.ToString().ToLowerInvariant()}\" id=\"verdict\" data-verdict=\"{HtmlWriter.Escape(verdict.Headline)}\">\n")
            .Element("div", verdict.Headline, "headline")
            .Element("p", verdict.Explanation, "explanation");
        if (result.GeneratorHealth is { Saturated: true } health)
        {
            html.Element("p", $"Caution: the load generator itself was saturated for {health.SaturatedIntervals} second(s); latency measured then includes its own delay.", "caution");
        }

        html.Raw("</header>\n")
            .Element("h1", model.Title)
            .Element("p", $"Started {result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} UTC · ran {Seconds(result.DurationSeconds)} · {result.Tool} {result.ToolVersion}", "subtitle");

        var steady = SteadyState.Table(result);
        html.Section("summary", "Executive summary")
            .Element("h3", steady.Headers.Count > 2 ? "Steady state (hold) and whole run" : "Whole run (no hold figures)")
            .Element("p", SteadyState.Note, "note")
            .Raw("<div id=\"steady-state\">\n")
            .Table([.. steady.Headers], steady.Rows.Select(row => row.Select(cell => new HtmlCell(cell)).ToArray()), numericFrom: 1)
            .Raw("</div>\n")
            .Element("h3", "Key figures")
            .Element("p", KeyFigure.Note, "note")
            .Raw("<div id=\"key-figures\">\n")
            .Table(["figure", "value", "target", "status"],
                model.KeyFigures.Select(f => new HtmlCell[] { f.Name, new(f.Display, "num"), f.Target ?? "—", Status(f.Status) }))
            .Raw("</div>\n");
        html.Element("h3", "Top findings")
            .Raw("<ul class=\"findings\">\n")
            .Each(model.Findings.Take(ReportModel.TopFindings), Finding)
            .Raw("</ul>\n");
        Checkpoints(html, result);
        html.EndSection();

        if (model.Analysis is { } analysis)
        {
            var decision = AnalysisTables.Decision(analysis.Verdict.Decision);
            html.Section("readiness", "Production readiness")
                .Raw($"<p class=\"readiness readiness-{decision.ToLowerInvariant()}\" data-readiness=\"{decision}\">")
                .Element("strong", decision).Text($" (confidence {Percent(100 * analysis.Verdict.Confidence)})").Raw("</p>\n")
                .Raw("<ul class=\"reasons\">\n").Each(analysis.Verdict.Reasons, (w, r) => w.Element("li", AnalysisTables.Sentence(r))).Raw("</ul>\n");
            Table(html, AnalysisTables.Checklist(analysis), "No checks could be judged.");
            if (analysis.Verdict.Risks.Count > 0)
            {
                html.Element("h3", "Risks").Raw("<ul>\n").Each(analysis.Verdict.Risks, (w, r) => w.Element("li", r)).Raw("</ul>\n");
            }

            html.Element("h3", "Likely root causes");
            Table(html, AnalysisTables.RootCauses(analysis), "No failure to explain.");
            html.EndSection();
        }

        html.Section("recommendations", "Recommendations");
        if (model.Recommendations.Count == 0)
        {
            html.Element("p", "No next step stands out from the figures.", "empty");
        }
        else
        {
            html.Raw("<ol class=\"recommendations\">\n")
                .Each(model.Recommendations, (w, r) => w.Raw("<li>").Element("p", r.Action, "action").Element("p", "Evidence: " + r.Evidence, "evidence").Raw("</li>\n"))
                .Raw("</ol>\n");
        }

        html.EndSection();
    }

    /// <summary>The checkpoints (only when the scenario had any), and the capacity answer of a pause-ramp checkpoint.</summary>
    private static void Checkpoints(HtmlWriter html, Results.RunResult result)
    {
        var table = CheckpointTables.Table(result);
        if (table.IsEmpty)
        {
            return;
        }

        html.Element("h3", "Checkpoints")
            .Raw("<div id=\"checkpoints\">\n")
            .Table([.. table.Headers], table.Rows.Select(row => row.Select((cell, i) =>
                i == 2 && cell.EndsWith(CheckpointTables.StoppedTheRun, StringComparison.Ordinal) ? new HtmlCell(cell, "missed") : new HtmlCell(cell)).ToArray()), numericFrom: 3)
            .Raw("</div>\n");
        if (CheckpointTables.HealthyLevel(result) is { } healthy)
        {
            html.Raw("<p class=\"healthy-level\" id=\"healthy-level\">").Element("strong", AnalysisTables.Sentence(healthy))
                .Text($" {CheckpointTables.HealthyLevelNote} {CheckpointTables.HealthyLevelCaveat(result)}".TrimEnd()).Raw("</p>\n");
        }
    }

    /// <summary>A text table of the report model, as HTML.</summary>
    public static void Table(HtmlWriter html, ReportTable table, string empty) =>
        html.Table([.. table.Headers], table.Rows.Select(row => row.Select(cell => new HtmlCell(cell)).ToArray()), empty: empty);

    /// <summary>One finding, marked with its severity so that colour is not the only cue.</summary>
    public static void Finding(HtmlWriter html, Finding finding)
    {
        var (label, css) = finding.Severity switch
        {
            FindingSeverity.Problem => ("problem", "sev-problem"),
            FindingSeverity.Warning => ("warning", "sev-warning"),
            _ => ("good", "sev-good"),
        };
        html.Raw($"<li class=\"{css}\">").Element("span", label, "sev").Text(finding.Text).Raw("</li>\n");
    }

    private static HtmlCell Status(FigureStatus status) => status switch
    {
        FigureStatus.Met => new("met", "met"),
        FigureStatus.Missed => new("MISSED", "missed"),
        _ => new("no target", "no-target"),
    };
}
