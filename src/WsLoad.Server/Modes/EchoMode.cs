using System.Net.WebSockets;
using WsLoad.Server.Connections;
using WsLoad.Server.Faults;

namespace WsLoad.Server.Modes;

/// <summary>
/// Returns each message to its sender, through <see cref="ReplySender"/> (no copy without reply faults). The
/// CPU-per-message fault is paid first, in the receive loop, before the reply is decided.
/// </summary>
internal sealed class EchoMode(ReplyFaults faults, ReplySender replies) : IConnectionMode
{
    public void OnOpened(ServerConnection connection)
    {
    }

    public void OnClosed(ServerConnection connection)
    {
    }

    public ValueTask OnMessageAsync(ServerConnection connection, ReadOnlyMemory<byte> message, WebSocketMessageType type)
    {
        faults.BurnCpu();
        var action = faults.Next();
        return action.Drop ? ValueTask.CompletedTask : replies.SendAsync(connection, message, type, action);
    }
}
