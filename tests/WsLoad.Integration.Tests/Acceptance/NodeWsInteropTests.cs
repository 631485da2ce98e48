using System.Diagnostics;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Acceptance;

/// <summary>wsload against a WebSocket server that is not ours: Node.js with the `ws` package.</summary>
public sealed class NodeWsInteropTests
{
    [Fact]
    public async Task Run_against_a_node_ws_echo_server_connects_1000_and_correlates_every_echo()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var work = new TemporaryDirectory("wsload-node");
        using var node = StartNode("echo");
        try
        {
            var port = await ReadPortAsync(node, timeout.Token);

            await using var run = WsLoadProcess.Start(
                ["run", "--url", $"ws://127.0.0.1:{port}/", "--connections", "1000", "--ramp", "linear:2s", "--hold", "3s",
                 "--rate", "2/s", "--size", "200", "--out", work.Path, "--threshold", "connect.success >= 100%", "--quiet"]);
            var exitCode = await run.WaitForExitAsync(timeout.Token);

            Assert.True(exitCode == 0, $"exit {exitCode}: {run}");
            var result = await RunResultJson.ReadAsync(work.File("run.json"), timeout.Token);
            Assert.Equal(1000, result.Summary.Connections.Established);
            Assert.Equal(0, result.Summary.Connections.Failed);
            var messages = result.Summary.Messages;
            Assert.True(messages.Sent >= 1000, $"sent {messages.Sent}");
            Assert.Equal(messages.Sent, messages.Received);
            Assert.Equal(0, messages.Lost);
            Assert.Equal(0, messages.Corrupted);
            Assert.Equal(messages.Received, result.Summary.LatencyMs.Rtt!.Count);
            Assert.True(result.Summary.LatencyMs.Rtt.P99 > 0);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Replies_of_a_different_shape_are_correlated_by_a_json_field()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var node = StartNode("reply");
        try
        {
            var port = await ReadPortAsync(node, timeout.Token);
            var scenario = new Scenario
            {
                Target = new TargetOptions { Url = new Uri($"ws://127.0.0.1:{port}/") },
                Connections = new ConnectionOptions { Count = 50, Ramp = new RampOptions { Duration = TimeSpan.FromSeconds(1) }, Hold = TimeSpan.FromSeconds(2) },
                Messages = new MessageOptions
                {
                    RatePerSecond = 5,
                    Expect = ExpectMode.Reply,
                    CorrelationField = "meta.id",
                    Types = [new MessageType { Name = "order", Template = "{\"id\":\"{{stamp}}\",\"conn\":{{connectionId}},\"seq\":{{sequence}}}" }],
                },
            };

            var result = await LoadTest.RunAsync(scenario, cancellationToken: timeout.Token);

            var messages = result.Summary.Messages;
            Assert.True(messages.Sent >= 50, $"sent {messages.Sent}");
            Assert.Equal(messages.Sent, messages.Received);
            Assert.Equal(0, messages.Lost);
            Assert.Equal(0, messages.Corrupted);
            Assert.Equal(messages.Received, result.Summary.LatencyMs.Rtt!.Count);
            Assert.Equal(messages.Sent, result.MessageTypes["order"].Received);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<int> ReadPortAsync(Process node, CancellationToken cancellationToken)
    {
        var listening = await node.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("node exited: " + await node.StandardError.ReadToEndAsync(cancellationToken));
        return int.Parse(listening.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Process StartNode(string mode)
    {
        var script = RepositoryPaths.NodeEchoServer;
        Assert.True(
            Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "ws")),
            "tests/node-echo/node_modules is missing: run `npm ci` in tests/node-echo (scripts/test.sh does)");
        var start = new ProcessStartInfo("node", [script, "0", mode])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("could not start node");
    }
}
