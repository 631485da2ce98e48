using System.CommandLine;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WsLoad.Cli;
using WsLoad.Cli.Commands;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

/// <summary>
/// Ack mode: each JSON object message with a top-level id gets <c>{"type":"ack","id":ID}</c>; anything else gets nothing
/// and is counted. Acks leave a connection in order, so "no ack" is shown by the next message's ack coming first.
/// </summary>
public sealed class AckModeTests
{
    private static readonly TargetServerOptions Ack = new() { Mode = ServerMode.Ack };

    [Fact]
    public async Task Each_ack_carries_the_top_level_id_exactly_as_it_came()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(Ack, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        (string Message, string Ack)[] cases =
        [
            ("""{"id":"order-1","item":3}""", """{"type":"ack","id":"order-1"}"""),
            ("""{"item":3,"id":42}""", """{"type":"ack","id":42}"""),
            ("""{ "id" : -1.5e3 }""", """{"type":"ack","id":-1.5e3}"""),
            ("""{"id":"a\"b\u00e9/","payload":{"id":"inner"}}""", """{"type":"ack","id":"a\"b\u00e9/"}"""),
            ("""{"payload":{"id":"inner","list":[{"id":9}]},"id":7}""", """{"type":"ack","id":7}"""),
            ("""{"id":"first","id":"second"}""", """{"type":"ack","id":"first"}"""),
        ];

        foreach (var (message, _) in cases)
        {
            await TestClient.SendTextAsync(client, message, cts.Token);
        }

        foreach (var (_, ack) in cases)
        {
            Assert.Equal(ack, await TestClient.ReceiveTextAsync(client, cts.Token));
        }

        // MessagesOut is counted once a send completes, which may be just after the client has the ack: not asserted.
        var stats = server.GetStats();
        Assert.Equal(((long)cases.Length, 0L), (stats.MessagesIn, stats.AcksSkipped));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("""[{"id":1}]""")]
    [InlineData("""{}""")]
    [InlineData("""{"meta":{"id":5}}""")]
    [InlineData("""{"id":null}""")]
    [InlineData("""{"id":true}""")]
    [InlineData("""{"id":{"k":1}}""")]
    [InlineData("""{"id":1""")]
    [InlineData("""{"id":1} {"id":2}""")]
    [InlineData("\"id\"")]
    public async Task A_text_message_without_a_top_level_id_gets_no_ack_and_is_counted(string message)
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(Ack, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        await TestClient.SendTextAsync(client, message, cts.Token);
        await TestClient.SendTextAsync(client, """{"id":"next"}""", cts.Token);

        Assert.Equal("""{"type":"ack","id":"next"}""", await TestClient.ReceiveTextAsync(client, cts.Token));
        Assert.Equal((2L, 1L), (server.GetStats().MessagesIn, server.GetStats().AcksSkipped));
        using var http = new HttpClient();
        var stats = await http.GetFromJsonAsync<JsonElement>(server.StatsUrl, cts.Token);
        Assert.Equal(1, stats.GetProperty("acksSkipped").GetInt64());
    }

    [Fact]
    public async Task A_binary_message_gets_no_ack_even_with_an_id()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(Ack, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        await client.SendAsync(Encoding.UTF8.GetBytes("""{"id":"binary"}"""), WebSocketMessageType.Binary, endOfMessage: true, cts.Token);
        await TestClient.SendTextAsync(client, """{"id":"text"}""", cts.Token);

        Assert.Equal("""{"type":"ack","id":"text"}""", await TestClient.ReceiveTextAsync(client, cts.Token));
        Assert.Equal(1, server.GetStats().AcksSkipped);
    }

    [Fact]
    public async Task Reply_faults_act_on_acks_and_skipped_messages_do_not_count_towards_them()
    {
        using var cts = TestClient.Timeout();
        var faults = new ServerFaults { DropEvery = 3, CorruptEvery = 2, ReplyDelay = TimeSpan.FromMilliseconds(20) };
        await using var server = await TargetServer.StartAsync(Ack with { Faults = faults }, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        // Acks 1-5: 3 dropped; of the rest (1, 2, 4, 5) the 2nd and 4th are corrupted. The skipped message is no reply.
        foreach (var message in new[] { """{"id":1}""", "no id", """{"id":2}""", """{"id":3}""", """{"id":4}""", """{"id":5}""" })
        {
            await TestClient.SendTextAsync(client, message, cts.Token);
        }

        string[] expected = ["""{"type":"ack","id":1}""", """{"type":"ack","id":2|""", """{"type":"ack","id":4}""", """{"type":"ack","id":5|"""];
        foreach (var ack in expected)
        {
            Assert.Equal(ack, await TestClient.ReceiveTextAsync(client, cts.Token));
        }

        var stats = server.GetStats();
        Assert.Equal((1L, 2L, 4L, 1L), (stats.RepliesDropped, stats.RepliesCorrupted, stats.RepliesDelayed, stats.AcksSkipped));
    }

    [Fact]
    public async Task A_stall_holds_acks_and_sends_them_afterwards()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(Ack, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        server.Stall(TimeSpan.FromMilliseconds(200));
        await TestClient.SendTextAsync(client, """{"id":"held"}""", cts.Token);

        Assert.Equal("""{"type":"ack","id":"held"}""", await TestClient.ReceiveTextAsync(client, cts.Token));
        Assert.Equal((1L, 1L), (server.GetStats().Stalls, server.GetStats().RepliesStalled));
    }

    [Fact]
    public async Task A_run_correlating_acks_by_id_gets_every_ack()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(Ack, cts.Token);

        var result = await LoadTest.RunAsync(OrderScenario(server.WebSocketUrl), cancellationToken: cts.Token);

        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        var messages = result.Summary.Messages;
        Assert.True(messages.Sent >= 400, $"sent {messages.Sent}");
        Assert.Equal(messages.Sent, messages.Received);
        Assert.Equal((0L, 0L, 0L), (messages.Lost, messages.Corrupted, messages.Duplicated));
        Assert.Equal(messages.Received, result.Summary.LatencyMs.Rtt!.Count);
        var stats = server.GetStats();
        Assert.Equal((messages.Sent, 0L), (stats.MessagesIn, stats.AcksSkipped));
    }

    [Fact]
    public async Task A_run_against_acks_dropped_every_10th_loses_exactly_what_the_server_dropped()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(Ack with { Faults = new ServerFaults { DropEvery = 10 } }, cts.Token);

        var result = await LoadTest.RunAsync(OrderScenario(server.WebSocketUrl), cancellationToken: cts.Token);

        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        var messages = result.Summary.Messages;
        var stats = server.GetStats();
        Assert.Equal(messages.Sent, stats.MessagesIn);
        Assert.Equal(stats.MessagesIn / 10, stats.RepliesDropped);
        Assert.True(stats.RepliesDropped >= 40, $"dropped {stats.RepliesDropped}");
        Assert.Equal(stats.RepliesDropped, messages.Lost);
        Assert.Equal(messages.Sent - messages.Lost, messages.Received);
        Assert.Equal(0, messages.Corrupted);
    }

    [Fact]
    public void Serve_takes_mode_ack_with_reply_faults()
    {
        var flags = new ServeFlagOptions();
        var command = new Command("serve");
        flags.AddTo(command);
        var parseResult = command.Parse(["--mode", "ack", "--drop-every", "10", "--cpu-per-message", "1ms"]);
        Assert.Empty(parseResult.Errors);

        var options = TargetServerOptionsFromFlags.Map(flags.Read(parseResult, verbose: false));

        Assert.Equal(ServerMode.Ack, options.Mode);
        Assert.Equal(10, options.Faults.DropEvery);
        Assert.Equal(TimeSpan.FromMilliseconds(1), options.Faults.CpuPerMessage);
    }

    /// <summary>20 connections at 10 messages a second each for 3 s; each message's id is its stamp.</summary>
    private static Scenario OrderScenario(Uri url) => ScenarioLoader.Parse($$$$"""
        target: { url: "{{{{url}}}}" }
        connections: { count: 20, ramp: { strategy: linear, duration: 500ms }, hold: 3s }
        messages:
          rate: 10/s
          expect: reply
          correlationField: id
          types:
            - { name: order, template: '{"id":"{{stamp}}","item":{{sequence}}}' }
        """);
}
