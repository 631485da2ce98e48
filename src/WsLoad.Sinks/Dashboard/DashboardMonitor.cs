using System.Net;
using WsLoad.Results;

namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// The live web dashboard (<c>--dashboard</c>): a small web server of the run's own, started once per command, that
/// shows every run of it (a suite's one after another) second by second to any page, from the run's start, and at
/// the end its verdict and a link to its HTML report.
/// </summary>
internal sealed class DashboardMonitor : ILiveMonitor
{
    private readonly LocalWebServer _server;
    private readonly DashboardFeed _feed;
    private readonly Dictionary<LiveRun, int> _runNumbers = new(ReferenceEqualityComparer.Instance);

    private DashboardMonitor(LocalWebServer server, DashboardFeed feed)
    {
        _server = server;
        _feed = feed;
    }

    /// <summary>The page's address, such as <c>http://127.0.0.1:5665/</c>.</summary>
    public Uri Address => _server.Address;

    /// <summary>Listens on <paramref name="endpoint"/> (loopback unless <paramref name="allowRemote"/>) and says where.</summary>
    /// <exception cref="LiveMonitoringException">The address is not loopback without the flag, or cannot be bound.</exception>
    public static async Task<DashboardMonitor> StartAsync(
        IPEndPoint endpoint, bool allowRemote, Action<string> say, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(say);
        ListenAddress.Check(endpoint, "--dashboard", allowRemote, say);
        var feed = new DashboardFeed();
        var server = await LocalWebServer.StartAsync(endpoint, "--dashboard", app => DashboardRoutes.Map(app, feed, time ?? TimeProvider.System), cancellationToken);
        say($"dashboard: {server.Address}");
        return new DashboardMonitor(server, feed);
    }

    public IRunSink? CreateSink(LiveRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        int number;
        lock (_runNumbers)
        {
            number = _runNumbers.Count + 1;
            _runNumbers[run] = number;
        }

        _feed.BeginRun(number, run);
        return new DashboardSink(_feed, number);
    }

    public Task ReportsWrittenAsync(LiveRun run, RunResult result, string? htmlReport, CancellationToken cancellationToken)
    {
        int number;
        lock (_runNumbers)
        {
            if (htmlReport is null || !_runNumbers.TryGetValue(run, out number))
            {
                return Task.CompletedTask;
            }
        }

        _feed.ReportWritten(number, htmlReport);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _feed.Close(); // ends every open stream first, so the server stops at once instead of waiting for them
        await _server.DisposeAsync();
    }
}
