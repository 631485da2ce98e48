namespace WsLoad.Messages;

/// <summary>
/// What the receiver of a message knows that a text stamp leaves out: the connection it arrived on, the highest
/// sequence sent on that connection so far, and when it arrived (a timestamp of the clock that stamped it). A text
/// stamp carries only the low bits of the connection id, the sequence and the send time; <see cref="StampCodec"/>
/// restores the full values from these, and the checksum, computed over the full values, tells whether it did.
/// </summary>
internal readonly record struct StampContext(int ConnectionId, long LastSequence, long Now);
