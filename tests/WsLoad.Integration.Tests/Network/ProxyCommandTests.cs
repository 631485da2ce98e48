using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using WsLoad.Server;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Network;

/// <summary><c>wsload proxy</c> through the real executable.</summary>
public sealed class ProxyCommandTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Timeout => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Proxy_prints_its_address_forwards_an_echo_with_its_latency_and_stops_on_sigint_with_exit_0()
    {
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), Timeout);
        var upstream = $"127.0.0.1:{server.WebSocketUrl.Port}";
        await using var proxy = WsLoadProcess.Start("proxy", "--listen", "127.0.0.1:0", "--upstream", upstream, "--latency", "30ms");

        var line = await proxy.ReadLineAsync(Timeout);
        Assert.Matches(@"^proxying 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+$", line);
        Assert.EndsWith(" -> " + upstream, line);
        var listen = line["proxying ".Length..line.IndexOf(" -> ", StringComparison.Ordinal)];

        using (var client = new ClientWebSocket())
        {
            await client.ConnectAsync(new Uri($"ws://{listen}{server.WebSocketUrl.PathAndQuery}"), Timeout);
            var sent = Stopwatch.GetTimestamp();
            await client.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, endOfMessage: true, Timeout);
            var buffer = new byte[64];
            var received = await client.ReceiveAsync(buffer, Timeout);
            var roundTrip = Stopwatch.GetElapsedTime(sent);
            Assert.Equal("hello", Encoding.UTF8.GetString(buffer, 0, received.Count));
            Assert.True(roundTrip >= TimeSpan.FromMilliseconds(60), $"round trip {roundTrip.TotalMilliseconds} ms, below 2 x 30 ms");
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Timeout);
        }

        await proxy.SendInterruptAsync(Timeout);
        Assert.True(await proxy.WaitForExitAsync(Timeout) == 0, proxy.ToString());
    }

    [Fact]
    public async Task A_bad_toxic_value_is_one_line_and_exit_2()
    {
        await using var proxy = WsLoadProcess.Start("proxy", "--upstream", "127.0.0.1:9", "--loss", "150%");

        Assert.Equal(2, await proxy.WaitForExitAsync(Timeout));
        Assert.Contains("'150%' is not a percentage", proxy.StandardError, StringComparison.Ordinal);
    }
}
