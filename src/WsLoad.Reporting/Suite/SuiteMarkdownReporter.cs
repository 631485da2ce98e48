using System.Globalization;
using System.Text;
using WsLoad.Suites;

namespace WsLoad.Reporting.Suite;

/// <summary>A suite as Markdown: the verdict and its reasons, the targets, a row per scenario, the checks that failed, the cleanup.</summary>
public static class SuiteMarkdownReporter
{
    public const string FileName = "suite.md";

    public static string Render(SuiteResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Suite {result.Name}: {result.Verdict}");
        md.AppendLine();
        if (result.Description is { } description)
        {
            md.AppendLine(description).AppendLine();
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"Started {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, took {Duration(result.DurationSeconds)}{(result.Interrupted ? ", interrupted" : "")}.");
        md.AppendLine();
        md.AppendLine("## Summary").AppendLine();
        foreach (var line in result.Summary)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {Cell(line)}");
        }

        md.AppendLine().AppendLine("## Targets").AppendLine();
        md.AppendLine("| Target | Measured | Result |").AppendLine("|---|---|---|");
        foreach (var target in result.Targets)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| `{target.Target}` | {Cell(target.Measured)} | {(target.Passed ? "met" : "missed")} |");
        }

        md.AppendLine().AppendLine("## Scenarios").AppendLine();
        md.AppendLine("| # | Scenario | Outcome | Verdict | Thresholds | Peak open | rtt p99 | Took | Why |").AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var s in result.Scenarios)
        {
            var name = s.RunJson is null ? Cell(s.Name) : $"[{Cell(s.Name)}]({Path.GetDirectoryName(s.RunJson)?.Replace('\\', '/')}/)";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {s.Step}{(s.Parallel ? " ∥" : "")} | {name} | {SuiteText.Outcome(s.Outcome)} | {s.Verdict ?? "–"} | {(s.ThresholdsTotal == 0 ? "–" : $"{s.ThresholdsPassed}/{s.ThresholdsTotal}")} | {SuiteText.Count(s.ConnectionsPeak)} | {SuiteText.Ms(s.RttP99Ms)} | {Duration(s.DurationSeconds)} | {Cell(s.Reason)} |");
        }

        var checks = result.Scenarios.SelectMany(s => s.Before.Concat(s.After).Where(c => !c.Passed).Select(c => (s.Name, c))).ToList();
        if (checks.Count > 0)
        {
            md.AppendLine().AppendLine("## Checks that failed").AppendLine();
            md.AppendLine("| Scenario | Check | Found | Remedy |").AppendLine("|---|---|---|---|");
            foreach (var (scenario, check) in checks)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {Cell(scenario)} | {check.Name} | {Cell(check.Detail)} | {Cell(check.Remedy ?? "")} |");
            }
        }

        if (result.Cleanup.Count > 0)
        {
            md.AppendLine().AppendLine("## Cleanup").AppendLine();
            md.AppendLine("| Step | Result | Took |").AppendLine("|---|---|---|");
            foreach (var step in result.Cleanup)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| `{Cell(step.Run)}` | {(step.TimedOut ? "timed out" : $"exit {step.ExitCode}")} | {Duration(step.DurationSeconds)} |");
            }
        }

        return md.ToString();
    }

    private static string Duration(double seconds) => SuiteText.Duration(seconds);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
