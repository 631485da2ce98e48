using Microsoft.Extensions.Time.Testing;
using WsLoad.Sinks.Prometheus;

namespace WsLoad.Tests.Sinks.Prometheus;

/// <summary>When the run waits for Prometheus's final scrape, and for how long (on a fake clock).</summary>
public sealed class ScrapeTrackerTests
{
    [Fact]
    public void Nothing_is_waited_for_when_nobody_ever_scraped()
    {
        var tracker = new ScrapeTracker(new FakeTimeProvider());
        tracker.Updated();

        Assert.Null(tracker.FinalWait());
    }

    [Fact]
    public void Nothing_is_waited_for_when_a_scrape_began_after_the_last_update()
    {
        var tracker = new ScrapeTracker(new FakeTimeProvider());
        tracker.Updated();
        tracker.Served(tracker.Begin());

        Assert.Null(tracker.FinalWait());
    }

    [Fact]
    public void A_scrape_that_began_before_the_last_update_does_not_count_as_having_read_it()
    {
        var tracker = new ScrapeTracker(new FakeTimeProvider());
        var began = tracker.Begin();
        tracker.Updated();
        tracker.Served(began);

        Assert.NotNull(tracker.FinalWait());
    }

    [Fact]
    public void The_wait_is_the_interval_seen_between_scrapes_plus_a_second_and_never_more_than_the_cap()
    {
        var time = new FakeTimeProvider();
        var tracker = new ScrapeTracker(time);
        tracker.Served(tracker.Begin());
        tracker.Updated();
        Assert.Equal(ScrapeTracker.MaxFinalWait, tracker.FinalWait()); // one scrape: no interval seen yet

        time.Advance(TimeSpan.FromSeconds(5));
        tracker.Served(tracker.Begin());
        tracker.Updated();
        Assert.Equal(TimeSpan.FromSeconds(6), tracker.FinalWait());

        time.Advance(TimeSpan.FromSeconds(60));
        tracker.Served(tracker.Begin());
        tracker.Updated();
        Assert.Equal(ScrapeTracker.MaxFinalWait, tracker.FinalWait());
    }

    [Fact]
    public async Task The_wait_ends_at_the_first_scrape_after_the_last_update()
    {
        var time = new FakeTimeProvider();
        var tracker = new ScrapeTracker(time);
        tracker.Served(tracker.Begin());
        tracker.Updated();

        var waiting = tracker.WaitForFinalScrapeAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        tracker.Served(tracker.Begin());

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_wait_gives_up_when_no_scrape_comes_in_time()
    {
        var time = new FakeTimeProvider();
        var tracker = new ScrapeTracker(time);
        tracker.Served(tracker.Begin());
        tracker.Updated();

        var waiting = tracker.WaitForFinalScrapeAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
