using WsLoad.Results;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Pdf;

internal sealed partial class PdfReport
{
    /// <summary>Errors by class, most frequent first, each with the first failure kept in detail.</summary>
    private void Errors(RunResult result)
    {
        _pages.Heading("Errors by class");
        if (result.ErrorsByClass.Count == 0)
        {
            _pages.Paragraph("No errors.", PdfStyle.Body, PdfStyle.Muted);
            return;
        }

        PdfTable.Draw(
            _pages,
            [new("class", 1.4), new("count", 0.7, true), new("first example", 4)],
            result.ErrorsByClass.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => (IReadOnlyList<TableCell>)
            [
                e.Key,
                Count(e.Value),
                result.FailureEvents.FirstOrDefault(f => f.Class == e.Key) is { } first
                    ? $"at {Seconds(first.AtSeconds)}, connection {first.ConnectionId}: {first.Message}"
                    : "(not kept in detail)",
            ]));
        if (result.FailureEventsDropped > 0)
        {
            _pages.Paragraph($"{Count(result.FailureEventsDropped)} more failure(s) were counted but not kept in detail.", PdfStyle.Small, PdfStyle.Muted);
        }
    }

    /// <summary>Faults injected and recoveries observed, by time (only when the run has any).</summary>
    private void Events(RunResult result)
    {
        var events = Model.DeepDiveTables.Events(result);
        if (events.IsEmpty)
        {
            return;
        }

        _pages.Heading("Events on the timeline");
        PdfTable.Draw(
            _pages,
            [new("at", 0.6, true), new("source", 0.8), new("event", 1.4), new("what", 3.2), new("lasted", 0.6, true), new("count", 0.6, true)],
            events.Rows.Select(row => (IReadOnlyList<TableCell>)[.. row.Select(cell => (TableCell)cell)]));
    }

    private void GeneratorHealth(RunResult result)
    {
        _pages.Heading("Generator health");
        if (result.GeneratorHealth is not { } health)
        {
            _pages.Paragraph("The generator's resources were not sampled.", PdfStyle.Body, PdfStyle.Muted);
            return;
        }

        PdfTable.Pairs(_pages,
        [
            ("saturated", health.Saturated ? $"yes, for {Count(health.SaturatedIntervals)} second(s): latency measured then is partly the generator's own delay" : "no"),
            ("peak CPU", $"{Percent(health.MaxCpuPercent)} of one core"),
            ("worst scheduling lag", Ms(health.MaxSchedulingLagMs)),
            ("longest thread-pool queue", Count(health.MaxThreadPoolQueue)),
            ("longest wait for a pool thread", Ms(health.MaxThreadPoolDelayMs)),
            .. health.Periods.Select(p => ("saturated period", $"{Number(p.FromSeconds)}–{Number(p.ToSeconds)} s: {string.Join(", ", p.Reasons)}")),
        ]);
    }

    /// <summary>Peaks of the generator, the server and the machine, from the model's series facts.</summary>
    private void Resources(RunResult result)
    {
        var f = _model.Facts;
        _pages.Heading("Resources");
        PdfTable.Draw(
            _pages,
            [new("", 1.2), new("peak CPU", 1.4, true), new("peak memory (RSS)", 1, true)],
            [
                [result.Workers is { Count: > 1 } workers ? $"generator (busiest of {workers.Count} workers)" : "generator", f.GeneratorCpuPeakPercent is { } gc ? $"{Percent(gc)} of one core" : "-", f.GeneratorRssPeakBytes is { } gr ? Bytes(gr) : "-"],
                [f.ServerProcesses is > 1 and var n ? $"server ({n} processes)" : "server", f.ServerCpuPeakPercent is { } sc ? $"{Percent(sc)} of one core" + (f.ServerCpuPeakAt is { } at ? $" at {Seconds(at.AtSeconds)}" : "") : "not sampled", f.ServerRssPeakBytes is { } sr ? Bytes(sr) : "-"],
                ["machine", f.MachineCpuPeakPercent is { } mc ? $"{Percent(mc)} of all cores" : "-", "-"],
            ]);
        if (f.ServerGcPeakAt is { } gcAt)
        {
            _pages.Paragraph(
                $"Server GC pauses (from its /stats): {Ms(f.ServerGcTotalMs!.Value)} in all; at most {Ms(f.ServerGcPeakMs!.Value)} in a second, at {Seconds(gcAt.AtSeconds)} ({Count(gcAt.OpenConnections)} connections open).",
                PdfStyle.Small, PdfStyle.Muted, after: 6);
        }
    }

    /// <summary>A broadcast's fan-out and its channels (only when the run had a broadcast).</summary>
    private void Fanout(RunResult result)
    {
        if (result.Summary.Fanout is null)
        {
            return;
        }

        _pages.Heading("Broadcast fan-out");
        var summary = Model.FanoutTables.Summary(result);

        // Twelve figures do not fit one row of a page: two rows of six.
        PdfTable.Draw(_pages, [.. summary.Headers.Take(6).Select(h => new TableColumn(h, 1, true))], [[.. summary.Rows[0].Take(6).Select(c => (TableCell)c)]]);
        PdfTable.Draw(_pages, [.. summary.Headers.Skip(6).Select(h => new TableColumn(h, 1, true))], [[.. summary.Rows[0].Skip(6).Select(c => (TableCell)c)]]);
        _pages.Paragraph(Model.FanoutTables.Note, PdfStyle.Small, PdfStyle.Muted, after: 6);
        var channels = Model.FanoutTables.Channels(result);
        PdfTable.Draw(
            _pages,
            [new("channel", 2.2), .. channels.Headers.Skip(1).Select(h => new TableColumn(h, h.StartsWith("subscribers", StringComparison.Ordinal) ? 1.5 : 1, true))],
            channels.Rows.Select(row => (IReadOnlyList<TableCell>)[.. row.Select(cell => (TableCell)cell)]));
    }

    /// <summary>A run in several worker processes: each one apart, as the console and the HTML report show them.</summary>
    private void Workers(RunResult result)
    {
        var workers = Model.DeepDiveTables.Workers(result);
        if (workers.IsEmpty)
        {
            return;
        }

        _pages.Heading("Workers");
        PdfTable.Draw(
            _pages,
            [
                new("worker", 1.5), new("segment", 0.8), new("status", 1.0), new("connected / planned", 1.4, true), new("sent", 0.8, true),
                new("received", 0.8, true), new("peak CPU", 0.6, true), new("peak RSS", 0.9, true), new("saturated s", 0.9, true),
            ],
            workers.Rows.Select(row => (IReadOnlyList<TableCell>)[.. row.Select(cell => (TableCell)cell)]));
    }

    private void AllFindings()
    {
        if (_model.Findings.Count <= Model.ReportModel.TopFindings)
        {
            return;
        }

        _pages.Heading("All findings");
        foreach (var finding in _model.Findings)
        {
            Finding(finding);
        }
    }
}
