using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>A push run's stream as one table every report shows alike; empty for a run that did not expect pushes.</summary>
public static class PushTables
{
    public static ReportTable Summary(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Summary.Push is not { } p)
        {
            return new([], []);
        }

        return new(
            ["received", "gaps", "delivered", "between arrivals p50", "p99", "one way p50", "p99", "p99.9"],
            [[
                Count(p.Received), Count(p.Gaps), p.DeliveredPercent is { } d ? Percent(d) : "-",
                p.InterArrivalMs is { } i ? Ms(i.P50) : "-", p.InterArrivalMs is { } i99 ? Ms(i99.P99) : "-",
                p.LatencyMs is { } l ? Ms(l.P50) : "-", p.LatencyMs is { } l99 ? Ms(l99.P99) : "-", p.LatencyMs is { } l999 ? Ms(l999.P999) : "-",
            ]]);
    }

    /// <summary>What the figures mean, and the clock basis of the one-way latency.</summary>
    public static string Note(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return "Gaps: server numbers never received (counted between the numbers a connection did receive). "
            + (result.Summary.Push?.ClockBasis is { } basis ? $"One way: {basis}." : "One way: no timestamp field was named (messages.push.timestampField).");
    }
}
