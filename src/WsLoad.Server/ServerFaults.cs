using System.Net.WebSockets;

namespace WsLoad.Server;

/// <summary>
/// Misbehaviour the target server shows on request, to test a client's failure paths.
/// <see cref="None"/> (the default) makes a well-behaved server. Each fault that fires is counted in <see cref="ServerStats"/>.
/// </summary>
public sealed record ServerFaults
{
    /// <summary>No faults: a well-behaved server.</summary>
    public static ServerFaults None { get; } = new();

    /// <summary>
    /// Reply to WebSocket upgrade requests with this HTTP status (for example 403 or 503) instead of upgrading.
    /// Null (default): upgrades are accepted.
    /// </summary>
    public int? RefuseUpgradeStatus { get; init; }

    /// <summary>
    /// With <see cref="RefuseUpgradeStatus"/>: let this many upgrade requests through first, then refuse the rest.
    /// Default 0: refuse from the first request.
    /// </summary>
    public long RefuseAfterConnections { get; init; }

    /// <summary>
    /// Close each connection with <see cref="CloseCode"/> once it has received this many messages
    /// (the last one is still answered). Null (default): never.
    /// </summary>
    public long? CloseAfterMessages { get; init; }

    /// <summary>
    /// Close every open connection with <see cref="CloseCode"/> once, this long after the server started
    /// (measured on <see cref="TargetServerOptions.TimeProvider"/>). Later connections are left open. Null (default): never.
    /// </summary>
    public TimeSpan? CloseAllAfter { get; init; }

    /// <summary>
    /// The WebSocket close status the close faults send (1000-4999, not 1005, 1006 or 1015).
    /// Default 1000 (normal closure).
    /// </summary>
    public WebSocketCloseStatus CloseCode { get; init; } = WebSocketCloseStatus.NormalClosure;

    /// <summary>The close reason the close faults send (at most 123 UTF-8 bytes). Default "closed by fault".</summary>
    public string CloseReason { get; init; } = "closed by fault";

    /// <summary>
    /// Abort each connection's TCP connection, without a close frame, as soon as it receives this many messages
    /// (the last one is not answered); the client sees an abnormal closure (1006 / connection reset). Null (default): never.
    /// </summary>
    public long? AbortAfterMessages { get; init; }
}
