namespace WsLoad.Messages;

/// <summary>
/// What every generated message carries so its echo or reply is correlated exactly: which connection sent it, its
/// sequence number on that connection, when it was meant to go and when it went (Stopwatch timestamps), its type, and
/// a checksum of the whole message. See <see cref="StampCodec"/> for the wire forms (a text stamp keeps the intended
/// time to within <see cref="StampCodec.MaxTextDelayTicks"/> before the send time).
/// </summary>
internal readonly record struct MessageStamp(int ConnectionId, long Sequence, long IntendedTimestamp, long SentTimestamp, ushort TypeIndex);
