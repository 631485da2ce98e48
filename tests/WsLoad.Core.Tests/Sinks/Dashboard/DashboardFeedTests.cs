using System.Text.Json;
using WsLoad.Scenarios;
using WsLoad.Sinks;
using WsLoad.Sinks.Dashboard;

namespace WsLoad.Tests.Sinks.Dashboard;

public sealed class DashboardFeedTests
{
    private static LiveRun Run(string name) => new(name, new Scenario { Name = name, Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:9/ws") } });

    private static DashboardPoint Point(double t) => new() { T = t, Open = (long)t * 10 };

    [Fact]
    public void A_new_page_is_sent_the_run_from_its_start_and_a_returning_one_only_what_it_missed()
    {
        var feed = new DashboardFeed();
        feed.BeginRun(1, Run("a"));
        feed.AddPoint(1, Point(1));
        feed.AddPoint(1, Point(2));

        var (fresh, _) = feed.Subscribe(lastEventId: null);
        var (returning, _) = feed.Subscribe(lastEventId: fresh[1].Id);

        Assert.Equal(["run", "point", "point"], fresh.Select(m => m.Event));
        Assert.Equal([fresh[2]], returning);
    }

    [Fact]
    public void What_follows_goes_to_every_open_page_in_order()
    {
        var feed = new DashboardFeed();
        feed.BeginRun(1, Run("a"));
        var (_, page) = feed.Subscribe(lastEventId: null);

        feed.AddPoint(1, Point(1));
        feed.End(1, new DashboardSummary { Verdict = "GO", Kind = "go" });
        feed.ReportWritten(1, "/tmp/report.html");

        var sent = new List<DashboardMessage>();
        while (page.Reader.TryRead(out var message))
        {
            sent.Add(message);
        }

        Assert.Equal(["point", "summary", "report"], sent.Select(m => m.Event));
        Assert.True(sent.Zip(sent.Skip(1)).All(pair => pair.First.Id < pair.Second.Id), "ids do not rise");
        Assert.Equal("/tmp/report.html", feed.ReportPath(null));
    }

    [Fact]
    public void A_new_run_starts_a_new_log_that_names_the_runs_before_it_and_later_seconds_of_those_are_ignored()
    {
        var feed = new DashboardFeed();
        feed.BeginRun(1, Run("first"));
        feed.AddPoint(1, Point(1));
        feed.End(1, new DashboardSummary { Verdict = "NO-GO", Kind = "nogo" });
        feed.ReportWritten(1, "/tmp/first.html");
        var (seen, _) = feed.Subscribe(lastEventId: null);

        feed.BeginRun(2, Run("second"));
        feed.AddPoint(1, Point(9)); // a late second of the run before
        feed.AddPoint(2, Point(1));

        // A page that saw the first run is sent the second one whole, starting with its run event.
        var (replay, _) = feed.Subscribe(seen[^1].Id);
        Assert.Equal(["run", "point"], replay.Select(m => m.Event));
        using var run = JsonDocument.Parse(replay[0].Data);
        Assert.Equal("second", run.RootElement.GetProperty("name").GetString());
        var earlier = run.RootElement.GetProperty("earlier")[0];
        Assert.Equal(("first", "NO-GO", "report/1"), (earlier.GetProperty("name").GetString(), earlier.GetProperty("verdict").GetString(), earlier.GetProperty("report").GetString()));
        Assert.Equal("/tmp/first.html", feed.ReportPath(1));
        Assert.Null(feed.ReportPath(2));
    }

    [Fact]
    public void A_page_too_far_behind_is_dropped_and_ended_while_the_others_go_on()
    {
        var feed = new DashboardFeed();
        feed.BeginRun(1, Run("a"));
        var (_, slow) = feed.Subscribe(lastEventId: null);
        var (_, reading) = feed.Subscribe(lastEventId: null);

        var received = 0;
        for (var i = 1; i <= DashboardSubscriber.Capacity + 5; i++)
        {
            feed.AddPoint(1, Point(i));
            while (reading.Reader.TryRead(out _))
            {
                received++;
            }
        }

        Assert.Equal(DashboardSubscriber.Capacity + 5, received);
        Assert.Equal(1, feed.DroppedSubscribers);
        Assert.True(slow.Reader.Completion.IsCompleted is false, "the queued events are still there to be sent");
        var queued = 0;
        while (slow.Reader.TryRead(out _))
        {
            queued++;
        }

        Assert.Equal(DashboardSubscriber.Capacity, queued);
        Assert.True(slow.Reader.Completion.IsCompleted, "the slow page's stream did not end");
    }

    [Fact]
    public void The_feed_keeps_at_most_its_bound_of_seconds_the_latest()
    {
        var feed = new DashboardFeed(maxPoints: 3);
        feed.BeginRun(1, Run("a"));
        for (var t = 1; t <= 5; t++)
        {
            feed.AddPoint(1, Point(t));
        }

        using var state = JsonDocument.Parse(feed.StateJson());
        Assert.Equal([3.0, 4.0, 5.0], state.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("t").GetDouble()));
        Assert.Equal(3, state.RootElement.GetProperty("run").GetProperty("maxPoints").GetInt32());
    }

    [Fact]
    public void Once_closed_every_stream_ends_and_a_late_page_gets_the_log_and_an_ended_stream()
    {
        var feed = new DashboardFeed();
        feed.BeginRun(1, Run("a"));
        var (_, open) = feed.Subscribe(lastEventId: null);

        feed.Close();
        var (replay, late) = feed.Subscribe(lastEventId: null);

        Assert.True(open.Reader.Completion.IsCompleted);
        Assert.True(late.Reader.Completion.IsCompleted);
        Assert.Equal(["run"], replay.Select(m => m.Event));
    }
}
