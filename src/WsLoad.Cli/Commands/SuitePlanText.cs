using System.Globalization;
using System.Text;
using WsLoad.Planning;
using WsLoad.Suites;

namespace WsLoad.Cli.Commands;

/// <summary><c>wsload plan SUITE</c>'s text: a line per scenario, then the suite's duration and peak, then what does not fit.</summary>
internal static class SuitePlanText
{
    public static string Render(Suite suite, SuitePlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"suite {suite.Name}: {plan.Entries.Count} scenarios in {plan.Entries.Select(e => e.Step).Distinct().Count()} steps");
        text.AppendLine("  step  scenario                        duration  peak conns  workers  memory    fits");
        foreach (var entry in plan.Entries)
        {
            var p = entry.Shape.Plan;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {entry.Step,3}{(entry.Parallel ? "∥" : " "),-2} {Cut(entry.Name, 30),-30}  {Duration(entry.Seconds),8}  {p.PeakConnections,10:N0}  {entry.Shape.Workers,7}  {ResourcePlan.Gb(p.ClientMemoryBytes + p.KernelMemoryBytes),-8}  {(p.Fits ? "yes" : "NO")}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"about {Duration(plan.TotalSeconds)} in all (each scenario's plan plus ~{SuitePlan.OverheadPerScenario.TotalSeconds:0} s for its server, close and reports); at the peak {plan.PeakConnections:N0} connections and about {ResourcePlan.Gb(plan.PeakMemoryBytes)} of client and kernel memory");
        foreach (var entry in plan.Entries.Where(e => !e.Shape.Plan.Fits))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{entry.Name} does not fit: {string.Join("; ", entry.Shape.Plan.Problems)}; fix: {string.Join("; ", entry.Shape.Plan.Fixes)}");
        }

        return text.ToString();
    }

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Duration(double seconds) => Reporting.Suite.SuiteText.Duration(Math.Round(seconds));
}
