using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WsLoad.Server.Faults;
using WsLoad.Server.Modes;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Connections;

/// <summary>
/// Accepts WebSocket upgrades, runs each connection's session, and closes them all when the server stops.
/// Threading: <see cref="HandleUpgradeAsync"/> runs concurrently for every request; <see cref="ShutdownAsync"/> once.
/// </summary>
internal sealed class WebSocketService(
    TargetServerOptions options,
    ConnectionRegistry registry,
    IConnectionMode mode,
    FaultPolicy faults,
    ServerCounters counters,
    ILogger logger)
{
    internal const string ShutdownReason = "server stopping";

    private readonly SessionRunner _runner = new(mode, faults, counters, options.MaxMessageBytes, options.CloseTimeout, logger);
    private long _nextId;
    private volatile bool _stopping;

    public async Task HandleUpgradeAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }

        var refuseWith = _stopping ? StatusCodes.Status503ServiceUnavailable : faults.RefuseStatus();
        if (refuseWith is { } status)
        {
            counters.UpgradeRefused();
            context.Response.StatusCode = status;
            return;
        }

        if (faults.AcceptDelay() is { } acceptDelay && acceptDelay > TimeSpan.Zero)
        {
            // Slow accepts: the client waits for its 101 (its upgrade time shows it); a client that gives up ends the wait.
            await Task.Delay(acceptDelay, options.TimeProvider, context.RequestAborted);
        }

        var requested = context.WebSockets.WebSocketRequestedProtocols;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = requested.Count > 0 ? requested[0] : null,
            KeepAliveInterval = options.KeepAliveInterval,
            DangerousEnableCompression = false,
        });
        counters.Accepted();

        var connection = new ServerConnection(Interlocked.Increment(ref _nextId), socket, context, ChannelOf(context), counters, options.TimeProvider);
        mode.OnOpened(connection);
        registry.Add(connection);
        try
        {
            if (_stopping)
            {
                // Shutdown may have walked the registry just before this connection joined it.
                _ = connection.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, ShutdownReason, options.CloseTimeout);
            }

            await _runner.RunAsync(connection);
        }
        finally
        {
            registry.Remove(connection);
            connection.MarkEnded();
            mode.OnClosed(connection);
        }
    }

    /// <summary>
    /// Refuses new upgrades, closes every connection with 1001 "server stopping", waits up to the close
    /// timeout for the handshakes, then aborts what is left.
    /// </summary>
    public async Task ShutdownAsync()
    {
        _stopping = true;
        var closes = new List<Task>();
        foreach (var connection in registry.All())
        {
            closes.Add(connection.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, ShutdownReason, options.CloseTimeout));
        }

        await Task.WhenAll(closes);
        try
        {
            // System clock: a fake clock in tests must not hold the shutdown up.
            await registry.WaitForCountAsync(0, CancellationToken.None).WaitAsync(options.CloseTimeout, TimeProvider.System);
        }
        catch (TimeoutException)
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("{Count} connections did not finish the close handshake in time; aborting them", registry.Count);
            }

            foreach (var connection in registry.All())
            {
                connection.Abort();
            }
        }
    }

    private static string? ChannelOf(HttpContext context)
    {
        var values = context.Request.Query["channel"];
        return values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }
}
