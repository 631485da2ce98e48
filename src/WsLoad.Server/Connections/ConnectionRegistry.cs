using System.Collections.Concurrent;

namespace WsLoad.Server.Connections;

/// <summary>
/// The open connections, sharded so each push loop walks only its own share, and grouped by broadcast channel.
/// Threading: all members are safe from any thread; enumeration is lock-free and sees a moving set.
/// </summary>
internal sealed class ConnectionRegistry
{
    private readonly ConcurrentDictionary<long, ServerConnection>[] _shards;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, ServerConnection>> _channels = new(StringComparer.Ordinal);
    private readonly Lock _waitersLock = new();
    private readonly List<(long Count, TaskCompletionSource Done)> _waiters = [];
    private long _count;

    public ConnectionRegistry(int shardCount)
    {
        _shards = new ConcurrentDictionary<long, ServerConnection>[shardCount];
        for (var i = 0; i < shardCount; i++)
        {
            _shards[i] = new ConcurrentDictionary<long, ServerConnection>();
        }
    }

    public int ShardCount => _shards.Length;

    public long Count => Volatile.Read(ref _count);

    public void Add(ServerConnection connection)
    {
        _shards[ShardOf(connection)][connection.Id] = connection;
        if (connection.Channel is { } channel)
        {
            // Empty channel groups are kept: removing them races with joins, and channel names are few.
            _channels.GetOrAdd(channel, static _ => new ConcurrentDictionary<long, ServerConnection>())[connection.Id] = connection;
        }

        Changed(Interlocked.Increment(ref _count));
    }

    public void Remove(ServerConnection connection)
    {
        if (!_shards[ShardOf(connection)].TryRemove(connection.Id, out _))
        {
            return;
        }

        if (connection.Channel is { } channel && _channels.TryGetValue(channel, out var members))
        {
            members.TryRemove(connection.Id, out _);
        }

        Changed(Interlocked.Decrement(ref _count));
    }

    /// <summary>The connections of one shard (enumerate with foreach; no snapshot is taken).</summary>
    public ConcurrentDictionary<long, ServerConnection> Shard(int index) => _shards[index];

    /// <summary>The members of a channel, or none.</summary>
    public IEnumerable<KeyValuePair<long, ServerConnection>> Channel(string channel) =>
        _channels.TryGetValue(channel, out var members) ? members : [];

    /// <summary>Every open connection.</summary>
    public IEnumerable<ServerConnection> All()
    {
        foreach (var shard in _shards)
        {
            foreach (var pair in shard)
            {
                yield return pair.Value;
            }
        }
    }

    /// <summary>Completes when exactly <paramref name="count"/> connections are registered (for tests and tooling).</summary>
    public Task WaitForCountAsync(long count, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waitersLock)
        {
            if (Count == count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private void Changed(long count)
    {
        lock (_waitersLock)
        {
            if (_waiters.Count == 0)
            {
                return;
            }

            // Compare with the live count, not the one this change produced, so racing changes cannot skip a waiter.
            var now = Count;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count == now || _waiters[i].Count == count)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private int ShardOf(ServerConnection connection) => (int)(connection.Id % _shards.Length);
}
