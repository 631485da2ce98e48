using System.Globalization;
using System.Net;
using System.Text;
using WsLoad.Suites;

namespace WsLoad.Reporting.Suite;

/// <summary>
/// A suite as one self-contained HTML page (no script, no CDN): the verdict and its executive summary, the targets, a
/// row per scenario linking its own report, the checks that failed, and the cleanup.
/// </summary>
public static class SuiteHtmlReporter
{
    public const string FileName = "suite.html";

    private const string Style = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        main{max-width:1060px;margin:0 auto;padding:24px}
        h1{font-size:22px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px}
        .meta{color:#5b6475;margin-bottom:16px}
        .verdict{display:inline-block;padding:6px 14px;border-radius:6px;font-weight:700;color:#fff;margin-right:10px}
        .go{background:#1e8a4c} .no-go{background:#c0392b} .inconclusive{background:#b7791f}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e8}
        th,td{padding:6px 8px;border-bottom:1px solid #e8ebf0;text-align:left;vertical-align:top}
        th{background:#eef1f5;font-weight:600} td.num{text-align:right;white-space:nowrap}
        .passed{color:#1e8a4c;font-weight:600} .failed{color:#c0392b;font-weight:600}
        .could-not-tell,.interrupted{color:#b7791f;font-weight:600} .skipped,.not-applicable{color:#5b6475;font-weight:600}
        ul.summary{background:#fff;border:1px solid #dde1e8;padding:10px 10px 10px 28px;margin:0}
        ul.summary li{margin:2px 0} .why{color:#3c4454} a{color:#1f5fbf}
        """;

    public static string Render(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"Suite {result.Name}: {result.Verdict}")).Append("</title><style>").Append(Style).Append("</style></head><body><main>");
        html.Append("<h1><span class=\"verdict ").Append(VerdictClass(result.Verdict)).Append("\">").Append(E(result.Verdict)).Append("</span>")
            .Append(E($"Suite {result.Name}")).Append("</h1>");
        html.Append("<div class=\"meta\">")
            .Append(E(Invariant($"started {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC · took {SuiteText.Duration(result.DurationSeconds)} · {result.Scenarios.Count} scenarios")))
            .Append(result.Interrupted ? " · <strong>interrupted</strong>" : "")
            .Append(result.Description is { } description ? "<br>" + E(description) : "").Append("</div>");

        html.Append("<h2>Executive summary</h2><ul class=\"summary\">");
        foreach (var line in result.Summary)
        {
            html.Append("<li>").Append(E(line)).Append("</li>");
        }

        html.Append("</ul><h2>Targets</h2><table><tr><th>Target</th><th>Measured</th><th>Result</th></tr>");
        foreach (var target in result.Targets)
        {
            html.Append("<tr><td><code>").Append(E(target.Target)).Append("</code></td><td>").Append(E(target.Measured)).Append("</td><td class=\"")
                .Append(target.Passed ? "passed\">met" : "failed\">missed").Append("</td></tr>");
        }

        html.Append("</table><h2>Scenarios</h2><table><tr><th>#</th><th>Scenario</th><th>Outcome</th><th>Verdict</th><th>Thresholds</th>")
            .Append("<th>Peak open</th><th>rtt p99</th><th>Took</th><th>Why</th></tr>");
        foreach (var s in result.Scenarios)
        {
            var outcome = SuiteText.Outcome(s.Outcome);
            html.Append("<tr><td class=\"num\">").Append(s.Step.ToString(CultureInfo.InvariantCulture)).Append(s.Parallel ? " ∥" : "").Append("</td><td>");
            if (s.RunJson is { } runJson)
            {
                var folder = (Path.GetDirectoryName(runJson) ?? ".").Replace('\\', '/');
                html.Append("<a href=\"").Append(E(folder + "/report.html")).Append("\">").Append(E(s.Name)).Append("</a> <small>(<a href=\"")
                    .Append(E(runJson.Replace('\\', '/'))).Append("\">run.json</a>)</small>");
            }
            else
            {
                html.Append(E(s.Name));
            }

            html.Append("</td><td class=\"").Append(outcome.Replace(' ', '-')).Append("\">").Append(E(outcome)).Append("</td><td>").Append(E(s.Verdict ?? "–"))
                .Append("</td><td class=\"num\">").Append(s.ThresholdsTotal == 0 ? "–" : Invariant($"{s.ThresholdsPassed}/{s.ThresholdsTotal}"))
                .Append("</td><td class=\"num\">").Append(E(SuiteText.Count(s.ConnectionsPeak))).Append("</td><td class=\"num\">").Append(E(SuiteText.Ms(s.RttP99Ms)))
                .Append("</td><td class=\"num\">").Append(E(SuiteText.Duration(s.DurationSeconds))).Append("</td><td class=\"why\">").Append(E(s.Reason)).Append("</td></tr>");
        }

        html.Append("</table>");
        var checks = result.Scenarios.SelectMany(s => s.Before.Select(c => (s.Name, When: "before", c)).Concat(s.After.Select(c => (s.Name, When: "after", c)))).ToList();
        if (checks.Count > 0)
        {
            html.Append("<h2>Environment checks</h2><table><tr><th>Scenario</th><th>Check</th><th>Result</th><th>Found</th><th>Remedy</th></tr>");
            foreach (var (scenario, when, check) in checks)
            {
                html.Append("<tr><td>").Append(E(scenario)).Append("</td><td>").Append(E($"{when}: {check.Name}")).Append("</td><td class=\"")
                    .Append(check.Passed ? "passed\">passed" : "failed\">failed").Append("</td><td>").Append(E(check.Detail)).Append("</td><td>")
                    .Append(E(check.Remedy ?? "")).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        if (result.Cleanup.Count > 0)
        {
            html.Append("<h2>Cleanup</h2><table><tr><th>Step</th><th>Result</th><th>Took</th></tr>");
            foreach (var step in result.Cleanup)
            {
                var ok = step.ExitCode == 0;
                html.Append("<tr><td><code>").Append(E(step.Run)).Append("</code></td><td class=\"").Append(ok ? "passed" : "failed").Append("\">")
                    .Append(E(step.TimedOut ? "timed out" : $"exit {step.ExitCode}")).Append("</td><td class=\"num\">").Append(E(SuiteText.Duration(step.DurationSeconds))).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<p class=\"meta\">").Append(E($"{result.Tool} {result.ToolVersion} · suite.json holds every figure; wsload report suite.json writes these files again")).Append("</p>");
        html.Append("</main></body></html>\n");
        return html.ToString();
    }

    private static string VerdictClass(string verdict) => verdict switch
    {
        SuiteVerdict.Go => "go",
        SuiteVerdict.NoGo => "no-go",
        _ => "inconclusive",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
