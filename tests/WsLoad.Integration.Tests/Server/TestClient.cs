using System.Net.WebSockets;
using System.Text;

namespace WsLoad.Tests.Server;

/// <summary>ClientWebSocket helpers for the target server tests: whole messages in, whole messages out.</summary>
internal static class TestClient
{
    public static async Task<ClientWebSocket> ConnectAsync(Uri url, CancellationToken cancellationToken, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new ClientWebSocket();
        configure?.Invoke(client.Options);
        try
        {
            await client.ConnectAsync(url, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public static Uri WithChannel(Uri url, string channel) => new($"{url}?channel={Uri.EscapeDataString(channel)}");

    public static Task SendTextAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>Receives one whole data message; fails the test if a close frame comes instead.</summary>
    public static async Task<(byte[] Data, WebSocketMessageType Type)> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var message = await ReceiveAnyAsync(socket, cancellationToken);
        Assert.NotEqual(WebSocketMessageType.Close, message.Type);
        return message;
    }

    public static async Task<string> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var (data, type) = await ReceiveAsync(socket, cancellationToken);
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>Receives one whole message of any type, close frames included.</summary>
    public static async Task<(byte[] Data, WebSocketMessageType Type)> ReceiveAnyAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            collected.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return (collected.ToArray(), result.MessageType);
            }
        }
    }

    /// <summary>Reads until the server's close frame (collecting data messages on the way) and answers it.</summary>
    public static async Task<List<string>> ReceiveUntilCloseAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        while (true)
        {
            var (data, type) = await ReceiveAnyAsync(socket, cancellationToken);
            if (type == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                }

                return texts;
            }

            texts.Add(Encoding.UTF8.GetString(data));
        }
    }

    public static CancellationTokenSource Timeout(int seconds = 20) => new(TimeSpan.FromSeconds(seconds));
}
