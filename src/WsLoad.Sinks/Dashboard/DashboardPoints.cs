using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Sinks.Dashboard;

/// <summary>Turns one <see cref="IntervalSnapshot"/> into the <see cref="DashboardPoint"/> the page draws: a pure function.</summary>
internal static class DashboardPoints
{
    private const double BytesPerMb = 1024.0 * 1024.0;

    public static DashboardPoint From(IntervalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var seconds = Seconds(snapshot);
        var counters = snapshot.Counters;
        var generators = snapshot.Processes.Where(p => p.Generator is not null).Select(p => p.Generator!).ToList();
        var server = snapshot.Processes.Select(p => p.Server).FirstOrDefault(s => s is not null);
        var machine = snapshot.Processes.Select(p => p.Machine).FirstOrDefault(m => m is not null);
        return new DashboardPoint
        {
            T = Math.Round(snapshot.EndSeconds, 3),
            Seconds = Math.Round(seconds, 3),
            Phase = snapshot.Phase.Name(),
            Open = snapshot.OpenConnections,
            Target = snapshot.TargetConnections,
            Sent = Rate(counters.Sent, seconds),
            Received = Rate(counters.Received, seconds),
            Errors = Rate(counters.Errors, seconds),
            ConnectsEstablished = counters.ConnectsEstablished,
            ConnectsFailed = counters.ConnectsFailed,
            Dropped = counters.Dropped,
            MissedSends = counters.MissedSends,
            Rtt = Percentiles(snapshot.Histogram(HistogramNames.Rtt)),
            Response = Percentiles(snapshot.Histogram(HistogramNames.Response)),
            ErrorsByClass = snapshot.ErrorsByClass.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            Types = snapshot.MessageTypes.ToDictionary(
                t => t.Key,
                t => new DashboardMessageType(Rate(t.Value.Sent, seconds), Rate(t.Value.Received, seconds), Ms(t.Value.Rtt.ValueAtPercentile(50)), Ms(t.Value.Rtt.ValueAtPercentile(99))),
                StringComparer.Ordinal),
            Workers = [.. snapshot.Processes.Select(p => Worker(p, seconds))],
            GeneratorCpu = generators.Count == 0 ? null : Math.Round(generators.Max(g => g.CpuPercent), 1),
            GeneratorMemoryMb = generators.Count == 0 ? null : Mb(generators.Sum(g => g.RssBytes)),
            Saturated = generators.Any(g => g.Saturated),
            SaturatedBy = [.. generators.Where(g => g.Saturated).SelectMany(g => g.SaturationReasons ?? []).Distinct(StringComparer.Ordinal)],
            ServerCpu = server?.CpuPercent is { } serverCpu ? Math.Round(serverCpu, 1) : null,
            ServerMemoryMb = server?.RssBytes is { } serverRss ? Mb(serverRss) : null,
            MachineCpu = machine is null ? null : Math.Round(machine.CpuPercent, 1),
            // Workers that each apply the same server fault report it once each: the timeline shows it once.
            Events = [.. snapshot.Events.Select(Event).DistinctBy(e => (e.Source, e.Kind, e.Text))],
        };
    }

    private static DashboardWorker Worker(ProcessHealth process, double seconds) => new(
        process.Process,
        process.OpenConnections,
        Rate(process.Counters.Sent, seconds),
        Rate(process.Counters.Received, seconds),
        process.Counters.Errors,
        process.Generator is { } g ? Math.Round(g.CpuPercent, 1) : null,
        process.Generator is { } m ? Mb(m.RssBytes) : null,
        process.Generator?.Saturated ?? false);

    private static DashboardEvent Event(RunEvent e) => new(
        Math.Round(e.AtSeconds, 3),
        e.Source.ToString().ToLowerInvariant(),
        e.Kind,
        string.IsNullOrEmpty(e.Description) ? e.Kind : e.Description);

    private static DashboardPercentiles? Percentiles(HistogramCounts histogram) => histogram.TotalCount == 0
        ? null
        : new(Ms(histogram.ValueAtPercentile(50))!.Value, Ms(histogram.ValueAtPercentile(90))!.Value, Ms(histogram.ValueAtPercentile(99))!.Value, Ms(histogram.ValueAtPercentile(99.9))!.Value);

    // Histograms are in µs; the page shows ms with µs still visible (0.123 ms).
    private static double? Ms(long? microseconds) => microseconds is { } us ? Math.Round(us / 1000.0, 3) : null;

    private static double Mb(long bytes) => Math.Round(bytes / BytesPerMb, 1);

    // An interval is about a second; its own length makes a short first or last one a rate all the same.
    private static double Seconds(IntervalSnapshot snapshot)
    {
        var length = snapshot.EndSeconds - snapshot.StartSeconds;
        return length > 0.05 ? length : 1.0;
    }

    private static double Rate(long count, double seconds) => Math.Round(count / seconds, 2);
}
