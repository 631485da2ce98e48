namespace WsLoad.Suites;

/// <summary>
/// Every embedded server a suite has running, so that whatever happens (an exception, Ctrl+C) each is stopped at the
/// end. A scenario stops its own server when it is done; what is left here at the end is stopped and counted.
/// </summary>
internal sealed class ServerRegistry
{
    private readonly Lock _lock = new();
    private readonly List<ISuiteServer> _running = [];

    public void Add(ISuiteServer server)
    {
        lock (_lock)
        {
            _running.Add(server);
        }
    }

    /// <summary>Stops <paramref name="server"/> now and forgets it.</summary>
    public async Task StopAsync(ISuiteServer server)
    {
        lock (_lock)
        {
            if (!_running.Remove(server))
            {
                return;
            }
        }

        await server.DisposeAsync();
    }

    /// <summary>Stops every server still running; returns how many there were.</summary>
    public async Task<int> StopAllAsync()
    {
        ISuiteServer[] left;
        lock (_lock)
        {
            left = [.. _running];
            _running.Clear();
        }

        foreach (var server in left)
        {
            await server.DisposeAsync();
        }

        return left.Length;
    }
}
