using WsLoad.Results;

namespace WsLoad.Sinks;

/// <summary>
/// The live monitoring of a command (<c>run</c>, <c>demo</c>, <c>suite</c>): it starts what
/// <see cref="LiveMonitoringOptions"/> asks for once, gives every run its sinks (<see cref="SinksFor"/>), and stops it
/// all when disposed. Nothing here can fail a run: a monitor that cannot start is an error before the run
/// (a port in use, an address refused); one that fails later counts it in its sink's health.
/// </summary>
public sealed class LiveMonitoring : IAsyncDisposable
{
    private readonly List<ILiveMonitor> _monitors;
    private readonly LiveMonitoringOptions _options;

    private LiveMonitoring(List<ILiveMonitor> monitors, LiveMonitoringOptions options)
    {
        _monitors = monitors;
        _options = options;
    }

    /// <summary>Nothing to monitor with: no sinks, nothing to stop.</summary>
    public static LiveMonitoring None { get; } = new([], new LiveMonitoringOptions());

    /// <summary>
    /// Starts the monitors <paramref name="options"/> ask for; <paramref name="say"/> hears what a user should know
    /// (the dashboard's address, a warning for an address other than loopback).
    /// </summary>
    /// <exception cref="LiveMonitoringException">An address refused or in use, with what to do.</exception>
    public static async Task<LiveMonitoring> StartAsync(LiveMonitoringOptions options, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        if (!options.Any)
        {
            return None;
        }

        var monitors = new List<ILiveMonitor>();
        try
        {
            // One line per kind of monitor; each starts only when its option is set.
            if (options.Dashboard is { } dashboard)
            {
                monitors.Add(await Dashboard.DashboardMonitor.StartAsync(dashboard, options.AllowRemoteAccess, say, cancellationToken));
            }

            if (options.Metrics is not null)
            {
                monitors.Add(await Prometheus.MetricsMonitor.StartAsync(options, say, cancellationToken));
            }

            if (options.RemoteWrite is { } remoteWrite)
            {
                monitors.Add(Prometheus.RemoteWrite.RemoteWriteMonitor.Start(remoteWrite, options.RemoteWriteInterval, say));
            }

            if (options.Webhooks.Count > 0)
            {
                monitors.Add(new Webhooks.WebhookMonitor(options.Webhooks, say));
            }
        }
        catch
        {
            foreach (var monitor in monitors)
            {
                await monitor.DisposeAsync();
            }

            throw;
        }

        return new LiveMonitoring(monitors, options);
    }

    /// <summary>The sinks of one run: a fresh one from each monitor.</summary>
    public IReadOnlyList<IRunSink> SinksFor(LiveRun run) => [.. _monitors.Select(monitor => monitor.CreateSink(run)).OfType<IRunSink>()];

    /// <summary>Tells every monitor that <paramref name="run"/>'s reports are written; never throws.</summary>
    public async Task ReportsWrittenAsync(LiveRun run, RunResult result, string? htmlReport, CancellationToken cancellationToken)
    {
        foreach (var monitor in _monitors)
        {
            try
            {
                await monitor.ReportsWrittenAsync(run, result, htmlReport, cancellationToken);
            }
#pragma warning disable CA1031 // The run is over and written; a monitor failing to hear of it must not change its exit.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>
    /// With a dashboard and <see cref="LiveMonitoringOptions.DashboardLinger"/>, keeps serving it that long (or until
    /// <paramref name="cancellationToken"/>), so the page and its report link stay up; at once otherwise.
    /// </summary>
    public async Task LingerAsync(Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        if (_options.Dashboard is null || _options.DashboardLinger <= TimeSpan.Zero || _monitors.Count == 0)
        {
            return;
        }

        say($"the dashboard stays up for {_options.DashboardLinger} (--dashboard-linger); Ctrl+C ends it sooner");
        await Task.Delay(_options.DashboardLinger, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var monitor in _monitors)
        {
            await monitor.DisposeAsync();
        }

        _monitors.Clear();
    }
}

/// <summary>Live monitoring could not start: the message says what and what to do.</summary>
public sealed class LiveMonitoringException : Exception
{
    public LiveMonitoringException()
    {
    }

    public LiveMonitoringException(string message)
        : base(message)
    {
    }

    public LiveMonitoringException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
