using WsLoad.Server.Group;

namespace WsLoad.Server;

/// <summary>
/// Several server processes on one port (<c>wsload serve --workers N</c>, <see cref="TargetServerOptions.ReusePort"/>):
/// the kernel hands each new connection, and each <c>/stats</c> request, to any of them, so every process answers
/// <c>/stats</c> for the whole group. The group's first process adds up its own counters and its peers' (read over
/// their Unix sockets); the others forward the request to it.
/// </summary>
public sealed partial class TargetServer
{
    private readonly Lock _peersLock = new();
    private readonly List<ProcessStatsClient> _peers = [];
    private ProcessStatsClient? _groupLeader;

    /// <summary>In the group's first process: another process of the group, by its <see cref="TargetServerOptions.ProcessSocketPath"/>.</summary>
    public void AddGroupPeer(string processSocketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(processSocketPath);
        lock (_peersLock)
        {
            _peers.Add(new ProcessStatsClient(processSocketPath));
        }
    }

    /// <summary>The counters of this process, or of its whole group when it is one of several sharing the port.</summary>
    /// <exception cref="HttpRequestException">A process of the group did not answer: its counts cannot be added.</exception>
    public async Task<ServerStats> GetGroupStatsAsync(CancellationToken cancellationToken)
    {
        if (Options.GroupStatsSocketPath is { } leaderPath)
        {
            _groupLeader ??= new ProcessStatsClient(leaderPath);
            return await _groupLeader.GetAsync(groupWide: true, cancellationToken);
        }

        ProcessStatsClient[] peers;
        lock (_peersLock)
        {
            peers = [.. _peers];
        }

        var sum = GetStats();
        foreach (var peer in peers)
        {
            sum = ServerStatsSum.Add(sum, await peer.GetAsync(groupWide: false, cancellationToken));
        }

        return sum;
    }

    private void DisposeGroup()
    {
        lock (_peersLock)
        {
            foreach (var peer in _peers)
            {
                peer.Dispose();
            }

            _peers.Clear();
        }

        _groupLeader?.Dispose();
        if (Options.ProcessSocketPath is { } path)
        {
            File.Delete(path);
        }
    }
}
