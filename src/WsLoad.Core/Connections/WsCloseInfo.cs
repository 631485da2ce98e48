namespace WsLoad.Connections;

/// <summary>Well-known close status codes (RFC 6455 7.4.1).</summary>
internal static class WsCloseStatus
{
    public const ushort Normal = 1000;
    public const ushort GoingAway = 1001;
    public const ushort ProtocolError = 1002;
    public const ushort UnsupportedData = 1003;

    /// <summary>Never sent on the wire: the connection ended without a close frame.</summary>
    public const ushort Abnormal = 1006;
    public const ushort InvalidPayload = 1007;
    public const ushort PolicyViolation = 1008;
    public const ushort MessageTooBig = 1009;
    public const ushort InternalError = 1011;

    /// <summary>Whether a peer may send <paramref name="code"/> in a close frame.</summary>
    public static bool IsValidOnWire(ushort code) =>
        code is >= 1000 and <= 1003 or >= 1007 and <= 1014 or >= 3000 and <= 4999;
}

/// <summary>Who ended a connection.</summary>
internal enum WsCloseInitiator
{
    /// <summary>We sent the first close frame (CloseAsync, or a protocol error we detected).</summary>
    Us,

    /// <summary>The peer sent the first close frame, or dropped the connection.</summary>
    Peer,

    /// <summary>Abort() was called, or a handler threw: no close handshake.</summary>
    Abort,
}

/// <summary>
/// How an established connection ended, reported once per connection. <see cref="StatusCode"/> is the initiator's close
/// code when a close handshake completed and 1006 when no close frame arrived; <see cref="Failure"/> is set when an error
/// (reset, timeout, protocol...) ended it.
/// </summary>
internal sealed record WsCloseInfo(
    WsCloseInitiator Initiator,
    ushort StatusCode,
    string? Reason,
    WsFailure? Failure = null,
    Exception? Exception = null)
{
    /// <summary>The close handshake completed without an error.</summary>
    public bool IsClean => Failure is null && StatusCode != WsCloseStatus.Abnormal;
}
