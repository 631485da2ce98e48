using System.Net.WebSockets;
using WsLoad.Server.Connections;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Modes;

/// <summary>
/// Sends each message to every client (or to the sender's channel) through each recipient's bounded send
/// queue; a full queue drops that delivery and counts it, so a slow client never blocks the others.
/// </summary>
internal sealed class BroadcastMode(ConnectionRegistry registry, ServerCounters counters, int queueCapacity) : IConnectionMode
{
    public void OnOpened(ServerConnection connection) =>
        connection.Outbound = new OutboundQueue(message => connection.SendAsync(message.Payload, message.Type), queueCapacity);

    public ValueTask OnMessageAsync(ServerConnection connection, ReadOnlyMemory<byte> message, WebSocketMessageType type)
    {
        // One copy per received message, shared by all recipients: the receive buffer is reused at once.
        var shared = new OutboundMessage(message.ToArray(), type, IsPush: false);
        if (connection.Channel is { } channel)
        {
            foreach (var member in registry.Channel(channel))
            {
                Deliver(member.Value, shared);
            }
        }
        else
        {
            foreach (var recipient in registry.All())
            {
                Deliver(recipient, shared);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Deliver(ServerConnection recipient, OutboundMessage message)
    {
        if (recipient.Outbound is { } queue && !recipient.IsClosing && !queue.TryEnqueue(message))
        {
            counters.BroadcastDropped();
        }
    }
}
