using System.Diagnostics;
using System.Net.WebSockets;
using WsLoad.Cli;

namespace WsLoad.Tests.Cli;

public class DemoServerProcessTests
{
    [Fact]
    public async Task The_demo_server_child_listens_on_loopback_and_is_gone_after_dispose()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        int processId;
        await using (var server = await DemoServerProcess.StartAsync(TimeSpan.FromSeconds(30), timeout.Token))
        {
            processId = server.ProcessId;
            Assert.Equal("127.0.0.1", server.Url.Host);
            Assert.NotEqual(0, server.Url.Port);
            using var client = new ClientWebSocket();
            await client.ConnectAsync(server.Url, timeout.Token);
            Assert.Equal(WebSocketState.Open, client.State);
        }

        Assert.DoesNotContain(Process.GetProcesses(), p => p.Id == processId && !p.HasExited);
    }

    [Fact]
    public void The_child_is_started_as_this_same_wsload_program()
    {
        var (fileName, prefix) = DemoServerProcess.SelfCommand();

        var commandLine = string.Join(' ', [fileName, .. prefix]);
        Assert.Contains("wsload", commandLine, StringComparison.OrdinalIgnoreCase);
    }
}
