using System.Globalization;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using Xunit.Abstractions;

namespace WsLoad.Tests.Recovery;

/// <summary>
/// messages.retry against the embedded server while it swallows every 10th reply (between 1 s and 3 s, so every retry is
/// due well before the run ends): each swallowed answer is retried on its live connection, and nothing is lost.
/// </summary>
public sealed class MessageRetryTests(ITestOutputHelper output)
{
    private const string DropWindow = """
        serverFaults:
          at:
            - { at: 1s, set: { dropEvery: 10 } }
            - { at: 3s, clear: true }
        """;

    [Fact]
    public async Task Every_swallowed_reply_is_retried_once_and_nothing_is_lost()
    {
        var (result, server) = await RunAsync("messages: { rate: 20/s, retry: 300ms }");

        var retry = Assert.IsType<RetrySummary>(result.Summary.Retry);
        var messages = result.Summary.Messages;
        Assert.True(server.RepliesDropped >= 50, $"the fault swallowed only {server.RepliesDropped} replies");
        Assert.Equal(0, messages.Lost);

        // One retry per swallowed reply (a retry can be swallowed too, and is then retried again), plus one per answer
        // that was only late (a machine stall of 300 ms), which then comes back twice; the server got them all.
        Assert.Equal(server.RepliesDropped + retry.DuplicateAnswers, retry.Retransmissions);
        Assert.Equal(retry.MessagesRetried, retry.MessagesRecovered);
        Assert.InRange(retry.MessagesRetried, (retry.Retransmissions + 1) / 2, retry.Retransmissions);
        Assert.Equal(0, retry.GaveUp);
        Assert.Equal(messages.Sent, server.MessagesIn);

        // The retried answers came after later ones and are not counted as the server's reordering or duplication.
        Assert.Equal((0L, 0L), (messages.OutOfOrder, messages.Duplicated));

        // Their response time (from the first intended send) shows the wait; the rtt of the retry itself does not.
        Assert.True(result.Summary.LatencyMs.Response!.Max >= 300, $"response max {result.Summary.LatencyMs.Response.Max} ms");

        var json = RunResultJson.Serialize(result);
        Assert.Empty(Acceptance.RunJsonSchema.Validate(json));
        Assert.Contains($"\"retransmissions\": {retry.Retransmissions}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_retry_each_swallowed_reply_is_a_lost_message()
    {
        var (result, server) = await RunAsync("messages: { rate: 20/s }");

        Assert.Null(result.Summary.Retry);
        Assert.True(server.RepliesDropped >= 50, $"the fault swallowed only {server.RepliesDropped} replies");
        Assert.Equal(server.RepliesDropped, result.Summary.Messages.Lost);
    }

    [Fact]
    public async Task In_a_closed_loop_a_swallowed_reply_would_stall_its_connection_and_the_retry_frees_it()
    {
        var (withRetry, serverWith) = await RunAsync("messages: { inFlight: 1, retry: 100ms }");
        var (without, serverWithout) = await RunAsync("messages: { inFlight: 1 }");

        // Without retry, each connection whose reply was swallowed waits forever: 20 connections, at most 20 losses,
        // and after them the loop has stopped. With it, every connection keeps going and nothing is lost.
        Assert.Equal(serverWithout.RepliesDropped, without.Summary.Messages.Lost);
        Assert.InRange(without.Summary.Messages.Lost, 1, 20);
        Assert.Equal(0, withRetry.Summary.Messages.Lost);
        Assert.Equal(serverWith.RepliesDropped + withRetry.Summary.Retry!.DuplicateAnswers, withRetry.Summary.Retry.Retransmissions);
        var lastSecond = withRetry.Series.Last(s => s.Phase == "hold");
        Assert.True(lastSecond.Received > 0, "the closed loop stopped despite the retries");
    }

    [Fact]
    public async Task A_damaged_ack_that_still_names_its_message_counts_as_corrupted_not_lost_and_is_not_retried()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Ack, Faults = new ServerFaults { CorruptEvery = 10 } }, cts.Token);
        var scenario = AckedOrders(server.WebSocketUrl, connections: 10, hold: "2s", retry: "300ms");

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        // The server flips a bit of every 10th ack's last byte (its closing brace): the id is still readable, the JSON is
        // not. Before, the client read the id and never noticed.
        var stats = server.GetStats();
        var messages = result.Summary.Messages;
        output.WriteLine($"sent {messages.Sent}, received {messages.Received}, corrupted {messages.Corrupted}, lost {messages.Lost}; server corrupted {stats.RepliesCorrupted}; {Describe(result.Summary.Retry)}");
        Assert.True(stats.RepliesCorrupted >= 30, $"the fault corrupted only {stats.RepliesCorrupted} acks");
        Assert.Equal(stats.RepliesCorrupted, messages.Corrupted);
        Assert.Equal(0, messages.Lost);
        Assert.Equal(0, result.Summary.Retry!.Retransmissions);
        Assert.Contains(result.FailureEvents, f => f.Class == "integrity-corrupted" && f.Message.Contains("is not valid JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acks_swallowed_until_the_very_end_are_retried_before_the_run_closes()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Ack, Faults = new ServerFaults { DropEvery = 10 } }, cts.Token);
        var scenario = AckedOrders(server.WebSocketUrl, connections: 20, hold: "3s", retry: "{ after: 200ms, maxRetries: 4 }");

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        // Acks are swallowed up to the last message; the run stops sending and waits for the retries still due, so none
        // of those messages is lost, and the wait is on the timeline.
        var stats = server.GetStats();
        var retry = result.Summary.Retry!;
        output.WriteLine($"sent {result.Summary.Messages.Sent}, lost {result.Summary.Messages.Lost}, server dropped {stats.RepliesDropped}; {Describe(retry)}");
        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal(0, result.Summary.Messages.Lost);
        Assert.Equal(stats.RepliesDropped + retry.DuplicateAnswers, retry.Retransmissions);
        var drain = Assert.Single(result.Events, e => e.Kind == "retry-drain");
        Assert.Equal(0, drain.Count);
        Assert.Equal(result.Summary.Messages.Sent, stats.MessagesIn);
    }

    [Fact]
    public async Task A_retry_wait_shorter_than_the_servers_delay_makes_duplicate_answers_and_says_so()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (result, server) = await RecoveryRuns.RunAsync(
            new ServerFaults { ReplyDelay = TimeSpan.FromMilliseconds(150) },
            url => ScenarioLoader.Parse($$"""
                target: { url: "{{url}}" }
                connections: { count: 10, ramp: linear:200ms, hold: 2s }
                messages: { rate: 5/s, retry: { after: 50ms, backoff: 1, maxRetries: 1 } }
                """),
            cts.Token);

        // Every message is retried once after 50 ms; both its answers come back (150 ms each): one recovers it, the other
        // is a duplicate answer, not the server's duplication.
        var retry = result.Summary.Retry!;
        output.WriteLine(Describe(retry));
        Assert.Equal(0, result.Summary.Messages.Lost);
        Assert.Equal(0, result.Summary.Messages.Duplicated);
        Assert.True(retry.MessagesRetried > 0);
        Assert.Equal(retry.MessagesRetried, retry.Retransmissions);
        Assert.Equal(retry.Retransmissions, retry.DuplicateAnswers);
        Assert.Equal(server.MessagesIn, result.Summary.Messages.Sent);
    }

    /// <summary>Orders at 20/s a connection, each acknowledged by the ack server by its id, retried as <paramref name="retry"/> says.</summary>
    private static Scenario AckedOrders(Uri url, int connections, string hold, string retry)
    {
        const string Order = """{"id":"{{stamp}}","item":{{sequence}}}""";
        return ScenarioLoader.Parse($$"""
            target: { url: "{{url}}" }
            connections: { count: {{connections}}, ramp: linear:200ms, hold: {{hold}} }
            messages:
              rate: 20/s
              expect: reply
              correlationField: id
              types: [ { name: order, template: '{{Order}}' } ]
              retry: {{retry}}
            """);
    }

    private async Task<(RunResult Result, ServerStats Server)> RunAsync(string messages)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (result, server) = await RecoveryRuns.RunAsync(
            ServerFaults.None,
            url => ScenarioLoader.Parse($$"""
                target: { url: "{{url}}" }
                connections: { count: 20, ramp: linear:200ms, hold: 4s }
                {{messages}}
                {{DropWindow}}
                """),
            cts.Token);
        output.WriteLine($"{messages}: sent {result.Summary.Messages.Sent}, received {result.Summary.Messages.Received}, lost {result.Summary.Messages.Lost}, server dropped {server.RepliesDropped}; {Describe(result.Summary.Retry)}");
        return (result, server);
    }

    private static string Describe(RetrySummary? retry) => retry is null
        ? "retry: none"
        : string.Create(CultureInfo.InvariantCulture, $"retry: retransmissions={retry.Retransmissions} retried={retry.MessagesRetried} recovered={retry.MessagesRecovered} duplicates={retry.DuplicateAnswers} gaveUp={retry.GaveUp}");
}
