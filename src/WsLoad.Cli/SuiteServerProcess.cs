using System.Globalization;
using WsLoad.Suites;

namespace WsLoad.Cli;

/// <summary>
/// A suite's embedded server: <c>wsload serve --mode MODE ARGS…</c> as a child process on a free loopback port (the
/// demo's way of starting one), stopped by its own process id when the scenario is done or the suite ends.
/// </summary>
internal sealed class SuiteServerProcess : ISuiteServer
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly DemoServerProcess _process;

    private SuiteServerProcess(DemoServerProcess process)
    {
        _process = process;
        StatsUrl = ServerToWatch.WsLoadServer(process.ProcessId, process.Url).StatsUrl;
    }

    public Uri Url => _process.Url;

    public int ProcessId => _process.ProcessId;

    public Uri? StatsUrl { get; }

    public static async Task<ISuiteServer> StartAsync(SuiteServer server, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "--host", "127.0.0.1", "--port", "0", "--mode", server.Mode };
        arguments.AddRange(server.Args);
        var process = await DemoServerProcess.StartAsync(StartTimeout, cancellationToken, arguments);
        return new SuiteServerProcess(process);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"wsload serve (pid {ProcessId}) on {Url}");
}
