using System.Net.WebSockets;
using WsLoad.Server.Connections;

namespace WsLoad.Server.Modes;

/// <summary>
/// What the server does with a connection (<see cref="ServerMode"/>). Threading: called concurrently for
/// different connections; for one connection, messages arrive one at a time from its receive loop.
/// </summary>
internal interface IConnectionMode
{
    /// <summary>Prepares a new connection, before it is registered and before its first message.</summary>
    void OnOpened(ServerConnection connection);

    /// <summary>Forgets a connection whose session is over (it is no longer registered and gets no more messages).</summary>
    void OnClosed(ServerConnection connection);

    /// <summary>Handles one whole message; <paramref name="message"/> is only valid until the returned task completes.</summary>
    ValueTask OnMessageAsync(ServerConnection connection, ReadOnlyMemory<byte> message, WebSocketMessageType type);
}
