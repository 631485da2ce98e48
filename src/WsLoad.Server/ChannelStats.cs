namespace WsLoad.Server;

/// <summary>
/// Broadcast mode: the counters of one channel (<c>?channel=NAME</c>), an entry of <see cref="ServerStats.Channels"/>.
/// The delivery counts are of the messages published on the channel: every delivery of such a message is, once, either
/// delivered, dropped (queue full), dropped by fault, or skipped because its recipient was closing (not counted). So with
/// a steady set of subscribers, Published × Subscribers = Delivered + Dropped + DroppedByFault once the queues are sent.
/// </summary>
/// <param name="Subscribers">Connections open now on this channel.</param>
/// <param name="Published">Messages received from this channel's clients (each one broadcast once).</param>
/// <param name="Delivered">Deliveries of this channel's messages sent to a recipient's connection, the sender's own copy included.</param>
/// <param name="Dropped">Deliveries dropped because the recipient's send queue was full (in <see cref="ServerStats.BroadcastDropped"/> too).</param>
/// <param name="DroppedByFault">Deliveries swallowed by the drop fault (<see cref="ServerFaults.DropEvery"/>).</param>
public sealed record ChannelStats(long Subscribers, long Published, long Delivered, long Dropped, long DroppedByFault)
{
    /// <summary>
    /// The key of the clients that connect without a channel (<c>?channel=</c> empty or absent) in
    /// <see cref="ServerStats.Channels"/>: the empty string, which no named channel can be. Their messages reach every
    /// client, so this entry's deliveries go to the named channels' clients too, while its Subscribers counts only the
    /// clients without a channel.
    /// </summary>
    public const string NoChannel = "";
}
