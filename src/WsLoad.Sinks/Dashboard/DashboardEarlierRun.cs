namespace WsLoad.Sinks.Dashboard;

/// <summary>A run of the same command before the current one (a suite's scenario): its verdict and report link, for one line on the page.</summary>
internal sealed record DashboardEarlierRun(int Number, string Name, string? Verdict, string? Kind, string? Report);

