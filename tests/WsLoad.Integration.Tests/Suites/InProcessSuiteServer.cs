using WsLoad.Server;
using WsLoad.Suites;

namespace WsLoad.Tests.Suites;

/// <summary>The embedded server in the test's own process, as a suite's server: started per scenario, stopped after it.</summary>
internal sealed class InProcessSuiteServer(TargetServer server) : ISuiteServer
{
    /// <summary>How many were started and how many are still running, for the tests to check every one is stopped.</summary>
    public static int Started;
    public static int Running;

    public Uri Url => server.WebSocketUrl;

    public int ProcessId => Environment.ProcessId;

    public Uri? StatsUrl => null;

    public static async Task<ISuiteServer> StartAsync(SuiteServer spec, CancellationToken cancellationToken)
    {
        var mode = Enum.Parse<ServerMode>(spec.Mode, ignoreCase: true);
        var started = await TargetServer.StartAsync(new TargetServerOptions { Mode = mode }, cancellationToken);
        Interlocked.Increment(ref Started);
        Interlocked.Increment(ref Running);
        return new InProcessSuiteServer(started);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Interlocked.Decrement(ref Running);
    }
}
