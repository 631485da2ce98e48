using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using WsLoad.Connections;
using Xunit.Abstractions;

namespace WsLoad.Tests.Connections;

/// <summary>
/// Measures (does not assert a budget) the managed memory an idle connection holds. The server is a bare accept loop
/// that answers the upgrade and keeps only the accepted Socket, so that its share can be subtracted using a run of
/// plain TCP pairs.
/// </summary>
[Trait("Category", "Measure")]
public sealed partial class IdleConnectionMemoryTests(ITestOutputHelper output)
{
    private const int Count = 500;

    [Fact]
    public async Task Idle_connection_memory_is_measured()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(Count);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = new List<Socket>(Count * 2);
        var clients = new List<object>(Count);
        var handler = new RecordingHandler();
        var request = new WsConnectRequest { Url = new Uri($"ws://127.0.0.1:{port}/") };

        // Warm up code paths and pools so that one-off costs are not counted.
        var warm = ConnectWebSocketAsync(listener, request, handler, accepted, cts.Token);
        (await warm).Abort();
        FillArrayPool();

        var before = Settle();
        for (var i = 0; i < Count; i++)
        {
            var accept = listener.AcceptSocketAsync(cts.Token);
            var plain = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await plain.ConnectAsync(IPAddress.Loopback, port, cts.Token);
            var server = await accept;

            // Same async I/O as a WebSocket pair (a write and read each way, then a pending zero-byte read),
            // so that the runtime's per-socket async state is in the baseline.
            await plain.SendAsync(new byte[1], cts.Token);
            await server.ReceiveAsync(new byte[1], cts.Token);
            await server.SendAsync(new byte[1], cts.Token);
            await plain.ReceiveAsync(new byte[1], cts.Token);
            _ = plain.ReceiveAsync(Memory<byte>.Empty, cts.Token).AsTask();
            accepted.Add(server);
            clients.Add(plain);
        }

        var plainPairs = (Settle() - before) / (double)Count;
        foreach (var socket in clients.Cast<Socket>())
        {
            socket.Dispose();
        }

        clients.Clear();
        before = Settle();
        for (var i = 0; i < Count; i++)
        {
            clients.Add(await ConnectWebSocketAsync(listener, request, handler, accepted, cts.Token));
        }

        var wsPairs = (Settle() - before) / (double)Count;
        var clientEstimate = wsPairs - (plainPairs / 2);
        output.WriteLine($"per connection: TCP pair with pending read {plainPairs:F0} B, WebSocket client + server socket {wsPairs:F0} B, "
            + $"client estimate {clientEstimate:F0} B");
        Assert.True(wsPairs > 0);

        foreach (var connection in clients.Cast<WsClientConnection>())
        {
            connection.Abort();
        }

        foreach (var socket in accepted)
        {
            socket.Dispose();
        }
    }

    /// <summary>
    /// ArrayPool.Shared keeps up to 32 returned arrays per size per core: a fixed cost, not a per-connection one, so it
    /// is paid before the first snapshot.
    /// </summary>
    private static void FillArrayPool()
    {
        foreach (var size in new[] { 125, 4096, 16 * 1024 })
        {
            var rented = Enumerable.Range(0, 64 * Environment.ProcessorCount).Select(_ => System.Buffers.ArrayPool<byte>.Shared.Rent(size)).ToList();
            rented.ForEach(a => System.Buffers.ArrayPool<byte>.Shared.Return(a));
        }
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<WsClientConnection> ConnectWebSocketAsync(
        TcpListener listener, WsConnectRequest request, RecordingHandler handler, List<Socket> accepted, CancellationToken ct)
    {
        var accept = listener.AcceptSocketAsync(ct).AsTask();
        var connect = WsClientConnection.ConnectAsync(request, handler, ct).AsTask();
        var server = await accept;
        var buffer = new byte[2048];
        var received = 0;
        while (buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8) < 0)
        {
            received += await server.ReceiveAsync(buffer.AsMemory(received), ct);
        }

        var key = KeyHeader().Match(Encoding.ASCII.GetString(buffer, 0, received)).Groups[1].Value;
        var acceptKey = new byte[WsUpgrade.AcceptLength];
        WsUpgrade.ComputeAccept(Encoding.ASCII.GetBytes(key), acceptKey);
        var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + $"Sec-WebSocket-Accept: {Encoding.ASCII.GetString(acceptKey)}\r\n\r\n";
        await server.SendAsync(Encoding.ASCII.GetBytes(response), ct);
        accepted.Add(server);
        return await connect;
    }

    [GeneratedRegex("Sec-WebSocket-Key: (\\S+)")]
    private static partial Regex KeyHeader();
}
