using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WsLoad.Network;

/// <summary>
/// A TCP proxy that forwards each accepted connection to one upstream endpoint, both ways, through the toxics in place
/// (latency, bandwidth, loss, resets, slow close, partition). It knows nothing of WebSocket or TLS: bytes pass untouched.
/// Threading: toxics may be added and removed from any thread while it runs; each direction of each connection is two
/// async loops (no thread per connection); scheduling uses the given <see cref="TimeProvider"/>.
/// </summary>
internal sealed partial class ChaosProxy : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly ToxicSet _toxics = new();
    private readonly ReleaseClock _clock;
    private readonly ConcurrentDictionary<long, ProxyConnection> _connections = new();
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private long _nextId;
    private long _accepted;
    private long _resets;

    private ChaosProxy(Socket listener, EndPoint upstream, TimeProvider time)
    {
        _listener = listener;
        Upstream = upstream;
        _clock = ReleaseClock.For(time);
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _accepting = AcceptAsync(_stopping.Token);
    }

    /// <summary>Where the proxy listens (the port the OS chose for port 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    public EndPoint Upstream { get; }

    public TimeProvider Time => _clock.Time;

    /// <summary>The toxics in place, by name.</summary>
    public IReadOnlyDictionary<string, Toxic> Toxics => _toxics.Toxics;

    public int OpenConnections => _connections.Count;

    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Connections reset by a toxic (reset, partition in reset mode, loss with dropped connections).</summary>
    public long ResetConnections => Interlocked.Read(ref _resets);

    /// <summary>Called with the number of connections a reset toxic has just reset (from a timer thread).</summary>
    public Action<Toxic, int>? ConnectionsReset { get; set; }

    /// <summary>Starts listening on <paramref name="listen"/> (port 0: the OS chooses) and forwarding to <paramref name="upstream"/>.</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public static ChaosProxy Start(IPEndPoint listen, EndPoint upstream, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(upstream);
        var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(listen);
            listener.Listen(4096);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        return new ChaosProxy(listener, upstream, time ?? TimeProvider.System);
    }

    /// <summary>Adds (or replaces) the toxic named <paramref name="name"/>; it acts on data read from now on.</summary>
    public void AddToxic(string name, Toxic toxic)
    {
        _toxics.Set(name, toxic);
        StartResetsFor(name, toxic);
    }

    /// <summary>Removes the toxic named <paramref name="name"/>; data it holds (a partition) flows on. False when there was none.</summary>
    public bool RemoveToxic(string name)
    {
        StopResetsFor(name);
        return _toxics.Remove(name);
    }

    /// <summary>Resets every open connection now; returns how many.</summary>
    public int ResetAll()
    {
        var count = 0;
        foreach (var connection in _connections.Values)
        {
            connection.Reset();
            count++;
        }

        Interlocked.Add(ref _resets, count);
        return count;
    }

    /// <summary>Stops accepting, resets the connections still open and waits (bounded) for their loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener.Dispose();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        StopAllResets();
        foreach (var connection in _connections.Values)
        {
            connection.Reset();
        }

        _clock.Dispose(); // releases every held chunk, so the loops see their sockets closed and end
        await Task.WhenAll(_running.Values).WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // e.g. the client reset before it was accepted
            }

            client.NoDelay = true;
            Interlocked.Increment(ref _accepted);
            var connection = new ProxyConnection(Interlocked.Increment(ref _nextId), client, Upstream);
            _connections[connection.Id] = connection;
            if (_toxics.Current.Toxics.Any(t => t is PartitionToxic { ResetConnections: true }))
            {
                Interlocked.Increment(ref _resets);
                connection.Reset();
            }

            _running[connection.Id] = ForwardAsync(connection);
        }
    }

    private async Task ForwardAsync(ProxyConnection connection)
    {
        await Task.Yield(); // off the accept loop
        try
        {
            await connection.RunAsync(_toxics, _clock);
        }
        finally
        {
            _connections.TryRemove(connection.Id, out _);
            _running.TryRemove(connection.Id, out _);
        }
    }
}
