namespace WsLoad.Sinks.Prometheus;

/// <summary>
/// Tells whether Prometheus has read the latest figures. The CLI exits right after writing a run's reports, so without
/// a wait Prometheus would miss the run's last second or two: <see cref="WaitForFinalScrapeAsync"/> waits for one scrape
/// that began after the last update. Updates and scrapes are numbered rather than timed, so a scrape that began before
/// an update never counts as having read it. Threading: every member is safe from any thread.
/// </summary>
internal sealed class ScrapeTracker(TimeProvider time)
{
    /// <summary>The longest the final wait lasts, whatever the scrape interval (Prometheus's default is 15 s).</summary>
    public static readonly TimeSpan MaxFinalWait = TimeSpan.FromSeconds(20);

    /// <summary>Added to the interval observed between scrapes: a scrape may come a little late.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private long _updates;
    private long _scrapedUpTo;
    private int _scrapes;
    private long _lastScrapeTimestamp;
    private TimeSpan? _scrapeInterval;
    private TaskCompletionSource _scraped = NewSignal();

    /// <summary>How many scrapes have been served.</summary>
    public int Scrapes
    {
        get
        {
            lock (_lock)
            {
                return _scrapes;
            }
        }
    }

    /// <summary>The figures changed.</summary>
    public void Updated()
    {
        lock (_lock)
        {
            _updates++;
        }
    }

    /// <summary>A scrape begins: the token to hand back to <see cref="Served"/> once it is written.</summary>
    public long Begin()
    {
        lock (_lock)
        {
            return _updates;
        }
    }

    /// <summary>A scrape that began with <paramref name="token"/> was written to Prometheus.</summary>
    public void Served(long token)
    {
        TaskCompletionSource signal;
        lock (_lock)
        {
            var now = time.GetTimestamp();
            if (_scrapes > 0)
            {
                _scrapeInterval = time.GetElapsedTime(_lastScrapeTimestamp, now);
            }

            _scrapes++;
            _lastScrapeTimestamp = now;
            _scrapedUpTo = Math.Max(_scrapedUpTo, token);
            signal = _scraped;
            _scraped = NewSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>
    /// How long the final wait may last: the interval observed between the last two scrapes plus <see cref="Slack"/>,
    /// at most <see cref="MaxFinalWait"/>; null when nothing needs waiting for (never scraped, so nobody is
    /// listening, or the last scrape already read the latest figures).
    /// </summary>
    public TimeSpan? FinalWait()
    {
        lock (_lock)
        {
            if (_scrapes == 0 || _scrapedUpTo >= _updates)
            {
                return null;
            }

            return _scrapeInterval is { } interval && interval + Slack < MaxFinalWait ? interval + Slack : MaxFinalWait;
        }
    }

    /// <summary>Waits, at most <paramref name="timeout"/>, until a scrape has read the latest figures; false when none did in time.</summary>
    public async Task<bool> WaitForFinalScrapeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        while (true)
        {
            Task next;
            lock (_lock)
            {
                if (_scrapedUpTo >= _updates)
                {
                    return true;
                }

                next = _scraped.Task;
            }

            await next.WaitAsync(linked.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (linked.IsCancellationRequested)
            {
                lock (_lock)
                {
                    return _scrapedUpTo >= _updates;
                }
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
