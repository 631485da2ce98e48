namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// One Server-Sent Event of the dashboard: <see cref="Id"/> rises through the whole command (a suite's runs included), so a
/// page that reconnects with <c>Last-Event-ID</c> is sent only what it missed; <see cref="Event"/> is <c>run</c>,
/// <c>point</c>, <c>summary</c> or <c>report</c>; <see cref="Data"/> is one line of JSON.
/// </summary>
internal sealed record DashboardMessage(long Id, string Event, string Data)
{
    public const string Run = "run";

    public const string Point = "point";

    public const string Summary = "summary";

    public const string Report = "report";

    /// <summary>The event as it goes on the wire, blank line included.</summary>
    public string ToWire() => $"id: {Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}\nevent: {Event}\ndata: {Data}\n\n";
}
