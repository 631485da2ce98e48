using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WsLoad.Server.Connections;

namespace WsLoad.Server.Modes;

/// <summary>Returns each message to its sender from the receive loop itself: no queue, no copy, no allocation.</summary>
internal sealed class EchoMode : IConnectionMode
{
    public void OnOpened(ServerConnection connection)
    {
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask OnMessageAsync(ServerConnection connection, ReadOnlyMemory<byte> message, WebSocketMessageType type) =>
        _ = await connection.SendAsync(message, type);
}
