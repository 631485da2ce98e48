namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// What the page shows of a run before its first second: its number in the command (a suite runs several), the
/// scenario's name, the target without credentials or query, and the plan's length and peak, so the axes are drawn
/// to scale from the start.
/// </summary>
internal sealed record DashboardRunInfo(int Number, string Name, string Target, double PlannedSeconds, int PeakConnections, int MaxPoints)
{
    /// <summary>The command's runs before this one (a suite's earlier scenarios), with their verdicts and reports.</summary>
    public IReadOnlyList<DashboardEarlierRun> Earlier { get; init; } = [];

    public static DashboardRunInfo Of(int number, LiveRun run, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(number, run.Name, SafeTarget(run.Scenario.Target.Url), Math.Round(run.PlannedDuration.TotalSeconds, 3), run.PeakConnections, maxPoints);
    }

    /// <summary>scheme://host:port/path only: a URL's user info and query may hold credentials, and a page is easily shared.</summary>
    public static string SafeTarget(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" : "(relative URL)";
    }
}
