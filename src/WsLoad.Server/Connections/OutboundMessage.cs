using System.Net.WebSockets;

namespace WsLoad.Server.Connections;

/// <summary>
/// A message waiting in a connection's <see cref="OutboundQueue"/>: a payload shared by all its recipients
/// (never written after enqueueing), or a push marker whose payload is formatted when it is sent.
/// </summary>
internal readonly record struct OutboundMessage(ReadOnlyMemory<byte> Payload, WebSocketMessageType Type, bool IsPush)
{
    public static OutboundMessage Push => new(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, IsPush: true);
}
