using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Model;

/// <summary>A broadcast run's fan-out as tables every report shows alike; empty for a run without a broadcast.</summary>
public static class FanoutTables
{
    /// <summary>What each figure of <see cref="Summary"/> means, printed under it.</summary>
    public const string Note =
        "Due: each message's subscribers on its channel when it was published (from the first message each got, or 1 s after its 101, to its close less the message timeout). "
        + "Reach: delivered of due. Complete: publish to the last due subscriber's arrival, for messages that reached them all. "
        + "Not due: arrivals published before a subscriber counted as subscribed or after its subscription's end (not an error).";

    public static ReportTable Summary(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Summary.Fanout is not { } f)
        {
            return new([], []);
        }

        return new(
            ["published", "due", "delivered", "missing", "reach", "lowest reach", "fan-out p50", "p99", "p99.9", "complete p99", "not due", "unresolved"],
            [[
                Count(f.Published), Count(f.Due), Count(f.Delivered), Count(f.Missing),
                f.ReachPercent is { } reach ? Percent(reach) : "-", f.MinMessageReachPercent is { } min ? Percent(min) : "-",
                f.LatencyMs is { } l ? Ms(l.P50) : "-", f.LatencyMs is { } l99 ? Ms(l99.P99) : "-", f.LatencyMs is { } l999 ? Ms(l999.P999) : "-",
                f.CompleteMs is { } c ? Ms(c.P99) : "-", Count(f.Unexpected), Count(f.Unresolved),
            ]]);
    }

    /// <summary>The channels, those that missed most first, at most <paramref name="most"/> of them.</summary>
    public static ReportTable Channels(RunResult result, int most = 20)
    {
        ArgumentNullException.ThrowIfNull(result);
        var channels = result.Summary.Fanout?.Channels ?? [];
        return new(
            ["channel", "subscribers (peak)", "publishers", "published", "due", "delivered", "missing", "reach"],
            [
                .. channels.OrderByDescending(c => c.Missing).ThenBy(c => c.Channel, StringComparer.Ordinal).Take(most).Select(c => (IReadOnlyList<string>)
                [
                    c.Channel, Count(c.PeakSubscribers), Count(c.Publishers), Count(c.Published), Count(c.Due), Count(c.Delivered), Count(c.Missing),
                    c.Due > 0 ? Percent(100.0 * c.Delivered / c.Due) : "-",
                ]),
            ]);
    }
}
