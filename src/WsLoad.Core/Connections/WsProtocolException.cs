namespace WsLoad.Connections;

/// <summary>The peer broke RFC 6455; <see cref="CloseStatus"/> is the code we close with (1002, 1007 or 1009).</summary>
internal sealed class WsProtocolException : Exception
{
    public WsProtocolException(string message, ushort closeStatus = WsCloseStatus.ProtocolError)
        : base(message)
    {
        CloseStatus = closeStatus;
    }

    public WsProtocolException()
        : this("WebSocket protocol error")
    {
    }

    public WsProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        CloseStatus = WsCloseStatus.ProtocolError;
    }

    public ushort CloseStatus { get; }
}
