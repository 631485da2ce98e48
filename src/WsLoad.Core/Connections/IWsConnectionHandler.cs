namespace WsLoad.Connections;

/// <summary>
/// Receives what happens on connections. One handler is usually shared by many connections. Calls for one connection are
/// sequential; calls for different connections run concurrently.
/// </summary>
internal interface IWsConnectionHandler
{
    /// <summary>
    /// A complete message. <paramref name="payload"/> is valid only during the call (copy what you keep).
    /// <paramref name="receivedTimestamp"/> is the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the read
    /// that completed the message. Must not throw and must not block: a throw aborts the connection (reported as
    /// <see cref="WsCloseInitiator.Abort"/> with <see cref="WsFailure.Other"/>).
    /// </summary>
    void OnMessage(WsClientConnection connection, ReadOnlySpan<byte> payload, bool isText, long receivedTimestamp);

    /// <summary>The connection ended; called exactly once per established connection, after the last OnMessage.</summary>
    void OnClosed(WsClientConnection connection, WsCloseInfo info);
}
