using System.Globalization;
using System.Text;
using System.Xml.Linq;
using CsvHelper;
using WsLoad.Cli;
using WsLoad.Reporting;
using WsLoad.Reporting.Csv;
using WsLoad.Results;
using WsLoad.Server;
using WsLoad.Tests.Cli.BadInput;

namespace WsLoad.Tests.Reporting;

/// <summary>The CSV reports: snapshots in two cultures, reading them back with CsvHelper, and `wsload report` = what the run wrote.</summary>
public sealed class CsvReporterTests
{
    [Theory]
    [InlineData("")]
    [InlineData("de-DE")]
    public async Task The_fixture_series_and_summary_match_their_snapshots_in_any_culture(string culture)
    {
        var result = ReportFixtures.WithSeries();

        await ReportFixtures.AssertSnapshotAsync("fixture-series.csv", await ReportFixtures.RenderAsync(CsvReporter.Series, result, culture), culture);
        await ReportFixtures.AssertSnapshotAsync("fixture-summary.csv", await ReportFixtures.RenderAsync(CsvReporter.Summary, result, culture), culture);
    }

    [Fact]
    public async Task Series_reads_back_with_one_row_per_second_and_its_figures()
    {
        var result = ReportFixtures.WithSeries();
        var rows = await ReadAsync(CsvReporter.Series, result, "de-DE");

        Assert.Equal(result.Series.Count, rows.Count);
        Assert.All(rows, row => Assert.Equal(43, row.Count));
        var hold = rows[1];
        Assert.Equal("hold", hold["phase"]);
        Assert.Equal(149_950, long.Parse(hold["received"], CultureInfo.InvariantCulture));
        Assert.Equal(12.34, double.Parse(hold["rtt_p99_ms"], CultureInfo.InvariantCulture));
        Assert.Equal(196.4, double.Parse(hold["generator_cpu_percent"], CultureInfo.InvariantCulture));
        Assert.Equal("true", hold["generator_saturated"]);
        Assert.Equal("generator-cpu: 196% of 200%; scheduling-lag: a send loop woke 120 ms late", hold["generator_saturation_reasons"]);
        Assert.Equal(4242, int.Parse(hold["server_process_id"], CultureInfo.InvariantCulture));
        Assert.Equal(25_769_803_776, long.Parse(hold["machine_memory_total_bytes"], CultureInfo.InvariantCulture));
        Assert.Equal(("12", "1", "0"), (hold["machine_tcp_retransmits"], hold["machine_tcp_timeouts"], hold["machine_packet_drops"]));

        // Nulls are empty cells: no reply in the first second, no resources sampled in the last.
        Assert.Equal("", rows[0]["rtt_p50_ms"]);
        Assert.Equal("false", rows[0]["generator_saturated"]);
        Assert.All(rows[2].Where(cell => cell.Key.StartsWith("generator_", StringComparison.Ordinal) || cell.Key.StartsWith("server_", StringComparison.Ordinal) || cell.Key.StartsWith("machine_", StringComparison.Ordinal)),
            cell => Assert.Equal("", cell.Value));
    }

    [Fact]
    public async Task Summary_reads_back_as_metric_value_rows_with_every_percentile_and_threshold()
    {
        var rows = await ReadAsync(CsvReporter.Summary, ReportFixtures.WithSeries(), "de-DE");
        var metrics = rows.ToDictionary(row => row["metric"], row => row["value"]);

        Assert.Equal(rows.Count, metrics.Count);
        Assert.Equal("10000", metrics["connections.attempted"]);
        Assert.Equal("9996.5", metrics["messages.throughput_per_sec"]);
        Assert.Equal("thresholds-failed", metrics["run.status"]);
        Assert.Equal("2026-11-27T06:30:00.0000000Z", metrics["run.started_at"]);
        Assert.Equal(["299900", "1.25", "3.5", "4.75", "12.34", "45.6", "250.5", "1.875"],
            new[] { "count", "p50", "p90", "p95", "p99", "p999", "max", "mean" }.Select(s => metrics[$"latency_ms.rtt.{s}"]));
        Assert.Equal("", metrics["latency_ms.tls.p99"]);
        Assert.Equal("", metrics["availability.overall_percent"]);
        Assert.Equal("true", metrics["generator.saturated"]);
        Assert.Equal("99.98", metrics["threshold[connect.success > 99.99%].value"]);
        Assert.Equal("false", metrics["threshold[connect.success > 99.99%].passed"]);
        Assert.Equal("true", metrics["threshold[rtt.p99 < 500ms].passed"]);
        Assert.Equal("2", metrics["errors_by_class[connect_timeout]"]);
    }

    [Fact]
    public async Task Summary_has_each_checkpoint_as_thresholds_are_and_the_highest_level_held_healthy()
    {
        var metrics = (await ReadAsync(CsvReporter.Summary, ReportFixtures.CapacityProbe(), "de-DE")).ToDictionary(row => row["metric"], row => row["value"]);
        var without = (await ReadAsync(CsvReporter.Summary, ReportFixtures.Fixture(), "")).ToDictionary(row => row["metric"], row => row["value"]);

        Assert.Equal(("300", "5.001"), (metrics["checkpoints.highest_healthy_level"], metrics["checkpoints.highest_healthy_at_seconds"]));
        Assert.Equal(
            ["connections.failed[2s] > 0", "pause-ramp", "3", "6.001", "9", "16", "61", "count"],
            new[] { "when", "action", "fired", "first_fired_seconds", "seconds_held", "seconds_judged", "worst_value", "unit" }.Select(f => metrics[$"checkpoint[refusals].{f}"]));
        Assert.Equal(("0", "", ""), (metrics["checkpoint[rtt.p99[5s] > 200ms].fired"], metrics["checkpoint[rtt.p99[5s] > 200ms].first_fired_seconds"], metrics["checkpoint[rtt.p99[5s] > 200ms].worst_value"]));

        // A run without checkpoints keeps the fixed lines, empty, and has no checkpoint[...] lines.
        Assert.Equal(("", ""), (without["checkpoints.highest_healthy_level"], without["checkpoints.highest_healthy_at_seconds"]));
        Assert.DoesNotContain(without.Keys, k => k.StartsWith("checkpoint[", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Text_with_commas_quotes_and_line_breaks_is_quoted_and_reads_back_exactly()
    {
        const string Reason = "stopped, \"by hand\"\nat 3 s";
        var bytes = await ReportFixtures.RenderAsync(CsvReporter.Summary, ReportFixtures.Fixture() with { StatusReason = Reason });

        Assert.NotEqual(0xEF, bytes[0]); // no byte-order mark
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Contains("run.status_reason,\"stopped, \"\"by hand\"\"\nat 3 s\"\n", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        var metrics = Read(bytes).ToDictionary(row => row["metric"], row => row["value"]);
        Assert.Equal(Reason, metrics["run.status_reason"]);
    }

    [Fact]
    public void Csv_is_one_format_of_two_files()
    {
        Assert.Equal(["series.csv", "summary.csv"], Reporters.Parse("csv").Select(r => r.FileName));
        Assert.Equal(["report.md", "series.csv", "summary.csv", "junit.xml"], Reporters.Parse("md,CSV,junit,csv").Select(r => r.FileName));
        Assert.Single(Reporters.Formats, "csv");
    }

    [Fact]
    public async Task Csv_and_junit_from_a_stored_run_json_are_byte_identical_to_what_the_run_wrote()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), timeout.Token);
        using var cli = new RealCli();

        var exitCode = await cli.RunAsync(
            timeout.Token, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "5", "--ramp", "burst", "--hold", "2s", "--rate", "5/s", "--report", "csv,junit", "-q");
        Assert.True(exitCode == ExitCodes.Passed, cli.ToString());
        var reported = Path.Combine(cli.Folder, "again");
        Assert.Equal(0, await cli.InvokeAsync(timeout.Token, "report", cli.RunJsonPath, "--format", "csv,junit", "--out", reported));

        foreach (var name in new[] { "series.csv", "summary.csv", "junit.xml" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(cli.OutDir, name)), await File.ReadAllBytesAsync(Path.Combine(reported, name)));
        }

        var run = await cli.ReadRunJsonAsync(timeout.Token);
        Assert.NotEmpty(run.Series);
        Assert.Equal(run.Series.Count, Read(await File.ReadAllBytesAsync(Path.Combine(reported, "series.csv"))).Count);
        var junit = XDocument.Load(Path.Combine(reported, "junit.xml"));
        Assert.NotNull(run.Analysis);
        Assert.Equal(run.Thresholds.Count + 3, junit.Descendants("testcase").Count()); // run completed, generator not saturated, production readiness
        Assert.Null(junit.Descendants("testcase").Single(c => (string?)c.Attribute("name") == "run completed").Element("failure"));
    }

    private static async Task<List<Dictionary<string, string>>> ReadAsync(IReporter reporter, RunResult result, string culture) =>
        Read(await ReportFixtures.RenderAsync(reporter, result, culture));

    /// <summary>Every record as header name → cell, read with CsvHelper's defaults (RFC 4180, invariant culture).</summary>
    private static List<Dictionary<string, string>> Read(byte[] csv)
    {
        using var reader = CsvReader.Create(csv);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.ToDictionary(name => name, name => reader.GetString(name)));
        }

        return rows;
    }
}
