using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using WsLoad.Metrics;
using WsLoad.Reporting.Model;
using WsLoad.Sinks;
using WsLoad.Sinks.Dashboard;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Monitoring;

/// <summary>
/// The dashboard's own web server on loopback port 0, fed by its sink as a run would: the event stream's headers,
/// replay from the start or from <c>Last-Event-ID</c>, its heartbeat (on a fake clock), the report link, and the end.
/// </summary>
public sealed class DashboardStreamTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new();
    private readonly List<string> _said = [];
    private static readonly HttpClient Http = new(); // one for the class, as HttpClient is meant to be used
    private DashboardMonitor? _monitor;

    private DashboardMonitor Monitor => _monitor!;

    public async Task InitializeAsync() =>
        _monitor = await DashboardMonitor.StartAsync(new IPEndPoint(IPAddress.Loopback, 0), allowRemote: false, _said.Add, CancellationToken.None, _clock);

    public async Task DisposeAsync()
    {
        await Monitor.DisposeAsync();
    }

    [Fact]
    public async Task A_page_is_sent_the_run_from_its_start_then_each_second_as_it_comes_and_the_end()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal([$"dashboard: {Monitor.Address}"], _said);
        var run = new LiveRun("stream", SampleRuns.Scenario("ws://user:secret@127.0.0.1:9/ws?token=abc"));
        var sink = Monitor.CreateSink(run)!;
        sink.OnInterval(Second(0, open: 10));
        sink.OnInterval(Second(1, open: 20));

        using var stream = await EventStream.OpenAsync(Http, Monitor.Address, lastEventId: null, timeout.Token);
        Assert.Equal("text/event-stream", stream.ContentType);
        Assert.Equal("no-cache", stream.CacheControl);
        var started = await stream.NextAsync(timeout.Token);
        Assert.Equal("run", started.Event);
        Assert.Equal("ws://127.0.0.1:9/ws", JsonDocument.Parse(started.Data).RootElement.GetProperty("target").GetString());
        Assert.DoesNotContain("secret", started.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("token", started.Data, StringComparison.Ordinal);
        var first = Open(await stream.NextAsync(timeout.Token));
        var second = Open(await stream.NextAsync(timeout.Token));
        Assert.Equal((10, 20), (first, second));

        sink.OnInterval(Second(2, open: 30));
        var third = await stream.NextAsync(timeout.Token);
        Assert.Equal(30, Open(third));

        var result = SampleRuns.Result();
        await sink.OnEndAsync(result, timeout.Token);
        var summary = await stream.NextAsync(timeout.Token);
        Assert.Equal("summary", summary.Event);
        Assert.Equal(Verdict.Of(result).Headline, JsonDocument.Parse(summary.Data).RootElement.GetProperty("verdict").GetString());

        // A page that reconnects says what it saw last and is sent only what followed.
        using var again = await EventStream.OpenAsync(Http, Monitor.Address, third.Id, timeout.Token);
        Assert.Equal(summary, await again.NextAsync(timeout.Token));
    }

    [Fact]
    public async Task An_idle_stream_carries_a_heartbeat_and_ends_when_the_dashboard_stops()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _ = Monitor.CreateSink(new LiveRun("idle", SampleRuns.Scenario()));
        using var stream = await EventStream.OpenAsync(Http, Monitor.Address, lastEventId: null, timeout.Token);
        Assert.Equal("run", (await stream.NextAsync(timeout.Token)).Event);

        // The heartbeat's timer starts once the replay is written; the clock moves until the comment arrives.
        var comment = stream.NextCommentAsync(timeout.Token);
        while (!comment.IsCompleted)
        {
            _clock.Advance(DashboardEventStream.Heartbeat);
            await Task.WhenAny(comment, Task.Delay(50, timeout.Token));
        }

        Assert.Equal(": heartbeat", await comment);

        await Monitor.DisposeAsync();
        Assert.True(await stream.EndedAsync(timeout.Token), "the stream went on after the dashboard stopped");
    }

    [Fact]
    public async Task The_report_is_served_once_written_and_not_before()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = new LiveRun("report", SampleRuns.Scenario());
        _ = Monitor.CreateSink(run);
        var report = Path.Combine(Path.GetTempPath(), "wsload-dashboard-report-" + Guid.NewGuid().ToString("N") + ".html");
        await File.WriteAllTextAsync(report, "<html>the report</html>", timeout.Token);
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(Monitor.Address, "report"), timeout.Token)).StatusCode);

            await Monitor.ReportsWrittenAsync(run, SampleRuns.Result(), report, timeout.Token);

            Assert.Equal("<html>the report</html>", await Http.GetStringAsync(new Uri(Monitor.Address, "report"), timeout.Token));
            Assert.Equal("<html>the report</html>", await Http.GetStringAsync(new Uri(Monitor.Address, "report/1"), timeout.Token));
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(new Uri(Monitor.Address, "report/2"), timeout.Token)).StatusCode);
            using var state = JsonDocument.Parse(await Http.GetStringAsync(new Uri(Monitor.Address, "state"), timeout.Token));
            Assert.Equal("report/1", state.RootElement.GetProperty("report").GetProperty("url").GetString());
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task The_page_is_one_document_with_its_charts_inlined()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await Http.GetAsync(Monitor.Address, timeout.Token);
        var page = await response.Content.ReadAsStringAsync(timeout.Token);

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("uPlot", page, StringComparison.Ordinal);
        Assert.Contains("new EventSource(\"events\")", page, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\{\{[A-Z_]+\}\}", page); // every asset's placeholder filled
        Assert.DoesNotContain("src=\"http", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", page, StringComparison.Ordinal);
    }

    private static long Open(SentEvent point) => JsonDocument.Parse(point.Data).RootElement.GetProperty("open").GetInt64();

    private static IntervalSnapshot Second(int index, long open) => new()
    {
        Index = index,
        StartSeconds = index,
        EndSeconds = index + 1,
        OpenConnections = open,
        TargetConnections = (int)open,
        Counters = new SnapshotCounters { Sent = open, Received = open },
    };
}
