namespace WsLoad.Sinks.Dashboard;

/// <summary>Where a run's HTML report is served, relative to the dashboard's address.</summary>
internal sealed record DashboardReportLink(int Number, string Url);
