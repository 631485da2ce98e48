using WsLoad.Reporting.Model;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Html;

/// <summary>The generator's health (was it itself the bottleneck?) and the resource peaks of generator, server and machine.</summary>
internal static class HtmlResources
{
    public static void Write(HtmlWriter html, ReportModel model)
    {
        var result = model.Result;
        html.Element("h3", "Generator health");
        if (result.GeneratorHealth is not { } health)
        {
            html.Element("p", "Resources were not sampled in this run.", "empty");
        }
        else
        {
            html.Facts(
                [
                    ("saturated", health.Saturated ? $"yes, {health.SaturatedIntervals} second(s): latency then is partly the generator's own delay" : "no"),
                    ("CPU peak", Percent(health.MaxCpuPercent) + " of one core"),
                    ("scheduling lag peak", Ms(health.MaxSchedulingLagMs)),
                    ("thread-pool queue peak", Count(health.MaxThreadPoolQueue)),
                    ("longest wait for a pool thread", Ms(health.MaxThreadPoolDelayMs)),
                ]);
            html.Table(["from", "to", "why"],
                health.Periods.Select(p => new HtmlCell[] { new(Seconds(p.FromSeconds), "num"), new(Seconds(p.ToSeconds), "num"), string.Join(", ", p.Reasons) }),
                empty: "No saturated period.");
        }

        var f = model.Facts;
        html.Element("h3", "Resource peaks")
            .Facts(
                [
                    ("generator CPU" + Busiest(result), f.GeneratorCpuPeakPercent is { } gc ? Percent(gc) + " of one core" : "—"),
                    ("generator memory (RSS)" + Busiest(result), f.GeneratorRssPeakBytes is { } gr ? Bytes(gr) : "—"),
                    ("server CPU" + ServerProcesses(f), f.ServerCpuPeakPercent is { } sc ? Percent(sc) + " of one core" + (f.ServerCpuPeakAt is { } at ? $" at {Seconds(at.AtSeconds)} ({Count(at.OpenConnections)} connections open)" : "") : "— (server not sampled)"),
                    ("server memory (RSS)" + ServerProcesses(f), f.ServerRssPeakBytes is { } sr ? Bytes(sr) : "— (server not sampled)"),
                    ("server GC pauses", f.ServerGcPeakAt is { } gcAt
                        ? $"{Ms(f.ServerGcTotalMs!.Value)} in all; at most {Ms(f.ServerGcPeakMs!.Value)} in a second, at {Seconds(gcAt.AtSeconds)} ({Count(gcAt.OpenConnections)} connections open)"
                        : "— (only a WsLoad server tells them: wsload serve, the demo's)"),
                    ("machine CPU", f.MachineCpuPeakPercent is { } mc ? Percent(mc) + $" of all {Count(result.Environment.ProcessorCount)} cores" : "—"),
                ]);

        // A run in several worker processes: each one apart, as the console shows them.
        var workers = DeepDiveTables.Workers(result);
        if (!workers.IsEmpty)
        {
            html.Element("h3", "Workers")
                .Table(workers.Headers, workers.Rows.Select(row => row.Select(cell => (HtmlCell)cell).ToArray()), numericFrom: 3);
        }
    }

    /// <summary>A run in several workers shows, each second, the busiest one's generator figures (each worker's are in the Workers table).</summary>
    private static string Busiest(WsLoad.Results.RunResult result) => result.Workers is { Count: > 1 } workers ? $" (busiest of {workers.Count} workers)" : "";

    /// <summary>The server's figures add up its processes: <c>wsload serve --workers N</c>, a Node cluster.</summary>
    private static string ServerProcesses(WsLoad.Analysis.Facts.RunFacts facts) => facts.ServerProcesses is > 1 and var n ? $" ({n} processes)" : "";
}
