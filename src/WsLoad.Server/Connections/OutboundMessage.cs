using System.Net.WebSockets;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Connections;

/// <summary>
/// A message waiting in a connection's <see cref="OutboundQueue"/>: a payload shared by all its recipients
/// (never written after enqueueing), or a push marker whose payload is formatted when it is sent.
/// <paramref name="Channel"/>: a broadcast's, the counters of the channel it was published on (its deliveries count there).
/// </summary>
internal readonly record struct OutboundMessage(ReadOnlyMemory<byte> Payload, WebSocketMessageType Type, bool IsPush, ChannelCounters? Channel = null)
{
    public static OutboundMessage Push => new(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, IsPush: true);
}
