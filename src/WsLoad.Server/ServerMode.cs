namespace WsLoad.Server;

/// <summary>What the target server does with the connections it accepts.</summary>
public enum ServerMode
{
    /// <summary>Return each message to its sender unchanged (same text/binary type, whole message).</summary>
    Echo,

    /// <summary>
    /// Send each received message to every connected client, the sender included. A client that connects
    /// with <c>?channel=NAME</c> in its URL sends to, and receives from, only the clients of that channel;
    /// a client without a channel sends to every client. <see cref="ServerStats.Channels"/> counts each channel's
    /// subscribers, messages and deliveries; <see cref="ServerFaults.DropEvery"/> drops deliveries.
    /// </summary>
    Broadcast,

    /// <summary>
    /// Send each client <see cref="TargetServerOptions.PushRatePerSecond"/> JSON text messages a second,
    /// <c>{"seq":1,"sentAtUnixUs":...,"pad":"xx"}</c> padded to <see cref="TargetServerOptions.PushSize"/> bytes;
    /// <c>seq</c> counts from 1 per connection, without gaps unless <see cref="TargetServerOptions.PushSkipEvery"/> makes
    /// some on purpose. Messages from clients are counted and otherwise ignored.
    /// </summary>
    Push,

    /// <summary>
    /// Acknowledge each text message that is a JSON object with a top-level <c>id</c> (a string or a number) with one
    /// text message, <c>{"type":"ack","id":ID}</c>, the id written exactly as it came: an application-level ack protocol
    /// (as Socket.IO acks, STOMP receipts or MQTT PUBACK give). Other messages (not JSON, not an object, no id, binary)
    /// get no ack and are counted in <see cref="ServerStats.AcksSkipped"/>. The reply faults act on the acks as on echo
    /// mode's replies.
    /// </summary>
    Ack,
}
