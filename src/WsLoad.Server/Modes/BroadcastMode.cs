using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using WsLoad.Server.Connections;
using WsLoad.Server.Faults;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Modes;

/// <summary>
/// Sends each message to every client (or to the sender's channel) through each recipient's bounded send
/// queue; a full queue drops that delivery and counts it, so a slow client never blocks the others. Each delivery to
/// an open recipient first meets the drop fault (<see cref="ServerFaults.DropEvery"/>: every Nth delivery of the server,
/// whatever its channel). Every outcome is counted on the channel the message was published on
/// (<see cref="ChannelCounters"/>), a delivery as delivered once it was sent.
/// </summary>
internal sealed class BroadcastMode(ConnectionRegistry registry, ServerCounters counters, LiveFaultPlan faults, int queueCapacity) : IConnectionMode
{
    public void OnOpened(ServerConnection connection)
    {
        connection.BroadcastChannel = counters.Channel(connection.Channel);
        connection.BroadcastChannel.Subscribed();
        connection.Outbound = new OutboundQueue(message => SendAsync(connection, message), queueCapacity);
    }

    public void OnClosed(ServerConnection connection) => connection.BroadcastChannel?.Unsubscribed();

    public ValueTask OnMessageAsync(ServerConnection connection, ReadOnlyMemory<byte> message, WebSocketMessageType type)
    {
        var channel = connection.BroadcastChannel!;
        channel.Published();

        // One copy per received message, shared by all recipients: the receive buffer is reused at once.
        var shared = new OutboundMessage(message.ToArray(), type, IsPush: false, channel);
        var plan = faults.Current; // one plan for all of this message's deliveries
        if (connection.Channel is { } name)
        {
            foreach (var member in registry.Channel(name))
            {
                Deliver(member.Value, shared, plan);
            }
        }
        else
        {
            foreach (var recipient in registry.All())
            {
                Deliver(recipient, shared, plan);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void Deliver(ServerConnection recipient, OutboundMessage message, FaultPlan plan)
    {
        if (recipient.Outbound is not { } queue || recipient.IsClosing)
        {
            return;
        }

        if (plan.DropsDelivery())
        {
            message.Channel!.DroppedByFault();
        }
        else if (!queue.TryEnqueue(message))
        {
            counters.BroadcastDropped();
            message.Channel!.Dropped();
        }
    }

    /// <summary>The queue's send: counts the delivery once it is on the recipient's connection.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<bool> SendAsync(ServerConnection recipient, OutboundMessage message)
    {
        var sent = await recipient.SendAsync(message.Payload, message.Type);
        if (sent)
        {
            message.Channel!.Delivered();
        }

        return sent;
    }
}
