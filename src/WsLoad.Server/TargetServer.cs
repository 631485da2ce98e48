using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WsLoad.Network;
using WsLoad.Server.Connections;
using WsLoad.Server.Faults;
using WsLoad.Server.Hosting;
using WsLoad.Server.Modes;
using WsLoad.Server.Stats;
using WsLoad.Server.Tls;

namespace WsLoad.Server;

/// <summary>
/// The embedded WebSocket target server (Kestrel): echo, broadcast, push or ack, with faults on request.
/// Start it with <see cref="StartAsync"/>, point clients at <see cref="WebSocketUrl"/>, read <see cref="GetStats"/>
/// or <c>GET /stats</c>, and dispose it to stop. Threading: all members are safe to call from any thread;
/// <see cref="StopAsync"/> may be called more than once and always returns the same shutdown.
/// </summary>
public sealed partial class TargetServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConnectionRegistry _registry;
    private readonly ServerCounters _counters;
    private readonly WebSocketService _webSockets;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _stopLock = new();
    private Task? _pushLoops;
    private readonly StallGate _stall;
    private readonly ReleaseClock _replyClock;
    private readonly LiveFaultPlan _faultPlan;
    private Task? _stopTask;

    // Connection drops (recovery testing).
    private ConnectionDropper _dropper = null!;
    private ITimer? _dropAtTimer;

    private TargetServer(TargetServerOptions options, WebApplication app, ConnectionRegistry registry, ServerCounters counters, WebSocketService webSockets, StallGate stall, ReleaseClock replyClock, LiveFaultPlan faultPlan)
    {
        _faultPlan = faultPlan;
        _stall = stall;
        _replyClock = replyClock;
        Options = options;
        _app = app;
        _registry = registry;
        _counters = counters;
        _webSockets = webSockets;
    }

    /// <summary>The options the server was started with.</summary>
    public TargetServerOptions Options { get; }

    /// <summary>The bound TCP port (the one the OS picked when started on port 0).</summary>
    public int Port { get; private set; }

    /// <summary>
    /// The URL clients connect to, e.g. <c>ws://127.0.0.1:5000/ws</c>, or <c>wss://</c> with
    /// <see cref="TargetServerOptions.Certificate"/> (a wildcard host is given as loopback).
    /// </summary>
    public Uri WebSocketUrl { get; private set; } = null!;

    /// <summary>The URL of the JSON stats endpoint, e.g. <c>http://127.0.0.1:5000/stats</c> (<c>https://</c> with TLS).</summary>
    public Uri StatsUrl { get; private set; } = null!;

    /// <summary>
    /// Starts a server and returns once it is listening.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (the message lists every problem).</exception>
    /// <exception cref="IOException">The address could not be bound (for example, the port is in use).</exception>
    public static async Task<TargetServer> StartAsync(TargetServerOptions options, CancellationToken cancellationToken = default)
    {
        OptionsValidator.Validate(options);
        var app = KestrelHost.Build(options);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WsLoad.Server");
        var counters = new ServerCounters();
        var registry = new ConnectionRegistry(Math.Clamp(Environment.ProcessorCount, 1, 4));
        var stall = new StallGate(options.TimeProvider, counters);
        var faultPlan = new LiveFaultPlan(options.Faults, registry, stall, counters, options.TimeProvider, options.CloseTimeout);
        var faults = new FaultPolicy(faultPlan, counters, options.CloseTimeout);
        var replyClock = ReleaseClock.For(options.TimeProvider);
        var webSockets = new WebSocketService(options, registry, CreateMode(options, registry, counters, stall, replyClock, faultPlan), faults, counters, logger);
        var server = new TargetServer(options, app, registry, counters, webSockets, stall, replyClock, faultPlan);

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.KeepAliveInterval });
        server._dropper = new ConnectionDropper(registry, counters);
        app.Run(new RequestDispatcher(options.Path, webSockets, server.GetStats, server.GetGroupStatsAsync, server.TryStall, new FaultPlanEndpoint(server), server.DropConnections, new ServerMetrics(server.GetStats).HandleAsync).HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            stall.Dispose();
            replyClock.Dispose();
            await app.DisposeAsync();
            throw;
        }

        server.OnStarted(KestrelHost.BoundPort(app));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("WsLoad target server ({Mode}) listening on {Url}", options.Mode, server.WebSocketUrl);
        }

        return server;
    }

    /// <summary>A snapshot of the counters; lock-free, cheap enough to poll.</summary>
    public ServerStats GetStats() => _counters.Snapshot(_registry.Count);

    /// <summary>
    /// Stalls the server now for <paramref name="duration"/> (echo and ack modes): it keeps receiving but holds every reply, then
    /// sends what it held, in order per connection. A stall while one runs extends it to the later end. Counted in
    /// <see cref="ServerStats.Stalls"/> and <see cref="ServerStats.StalledMilliseconds"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is not positive.</exception>
    /// <exception cref="InvalidOperationException">The server is not in echo or ack mode.</exception>
    public void Stall(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        if (!OptionsValidator.Replies(Options.Mode))
        {
            throw new InvalidOperationException($"Only echo and ack modes can stall; this server is in {Options.Mode} mode.");
        }

        _stall.Stall(duration);
    }

    /// <summary>
    /// Drops <paramref name="count"/> open connections now, at once and without a close frame (a TCP abort; the client
    /// sees 1006 / connection reset): the oldest first. Returns how many it dropped (fewer when fewer are open).
    /// Counted in <see cref="ServerStats.AbortedByFault"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public int DropConnections(int count) => _dropper.Drop(count);

    /// <summary>
    /// Stops the server: refuses new upgrades, closes every WebSocket with 1001 "server stopping", waits up to
    /// <see cref="TargetServerOptions.CloseTimeout"/> for the clients to answer (then aborts the rest), and stops Kestrel.
    /// </summary>
    public Task StopAsync()
    {
        lock (_stopLock)
        {
            return _stopTask ??= StopCoreAsync();
        }
    }

    /// <summary>Same as <see cref="StopAsync"/>, then releases the server's resources.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        DisposeGroup();
        _stopping.Dispose();
    }

    /// <summary>Completes when exactly <paramref name="count"/> connections are open (tests use it instead of polling).</summary>
    internal Task WaitForConnectionsAsync(long count, CancellationToken cancellationToken) =>
        _registry.WaitForCountAsync(count, cancellationToken);

    private static IConnectionMode CreateMode(TargetServerOptions options, ConnectionRegistry registry, ServerCounters counters, StallGate stall, ReleaseClock replyClock, LiveFaultPlan faultPlan)
    {
        var replies = new ReplySender(stall, counters, options.TimeProvider, replyClock, options.SendQueueCapacity);
        return options.Mode switch
        {
            ServerMode.Echo => new EchoMode(new ReplyFaults(faultPlan, counters), replies),
            ServerMode.Broadcast => new BroadcastMode(registry, counters, faultPlan, options.SendQueueCapacity),
            ServerMode.Push => new PushMode(options.PushSize, options.SendQueueCapacity, options.PushSkipEvery, counters, options.TimeProvider),
            ServerMode.Ack => new AckMode(new ReplyFaults(faultPlan, counters), replies, counters),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mode, "Unknown server mode."),
        };
    }

    private void OnStarted(int port)
    {
        Port = port;
        var host = KestrelHost.ClientHost(Options.Host);
        var secure = ServerTls.IsEnabled(Options);
        WebSocketUrl = new Uri($"{(secure ? "wss" : "ws")}://{host}:{port}{Options.Path}");
        StatsUrl = new Uri($"{(secure ? "https" : "http")}://{host}:{port}{RequestDispatcher.StatsPath}");
        if (Options.Mode == ServerMode.Push)
        {
            _pushLoops = new PushScheduler(_registry, _counters, Options.PushRatePerSecond, Options.TimeProvider).RunAsync(_stopping.Token);
        }

        _faultPlan.Arm();
        _dropAtTimer = _dropper.Schedule(Options.Faults, Options.TimeProvider);
    }

    /// <summary>The fault plan in force now (the options' <see cref="TargetServerOptions.Faults"/> until one is put or cleared).</summary>
    public ServerFaults CurrentFaults => _faultPlan.Current.Faults;

    /// <summary>
    /// Puts another fault plan in force at run time (as <c>PUT /admin/faults</c> does): its counts and seeded draws
    /// restart, its timed faults count from now. Each decision sees one whole plan, the old or the new.
    /// <see cref="ServerFaults.None"/> clears every fault (as <c>DELETE /admin/faults</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The plan is invalid for this server (the message lists every problem).</exception>
    public void SetFaults(ServerFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var errors = OptionsValidator.FaultErrors(faults, Options.Mode);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid fault plan: " + string.Join(" ", errors), nameof(faults));
        }

        _faultPlan.Replace(faults);
    }

    /// <summary>For <c>POST /admin/stall</c>: false when this server cannot stall (not echo or ack mode).</summary>
    private bool TryStall(TimeSpan duration)
    {
        if (!OptionsValidator.Replies(Options.Mode))
        {
            return false;
        }

        _stall.Stall(duration);
        return true;
    }

    private async Task StopCoreAsync()
    {
        _faultPlan.Dispose();
        _dropAtTimer?.Dispose();
        _stall.Dispose(); // held replies go out (or are dropped by the closes below) instead of waiting out a stall
        await _stopping.CancelAsync();
        if (_pushLoops is not null)
        {
            await _pushLoops;
        }

        await _webSockets.ShutdownAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _replyClock.Dispose();
    }
}
