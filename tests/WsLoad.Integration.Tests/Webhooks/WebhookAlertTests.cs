using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WsLoad.Analysis;
using WsLoad.Results;
using WsLoad.Server;
using WsLoad.Sinks;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli;
using WsLoad.Tests.Reporting;
using Xunit.Abstractions;

namespace WsLoad.Tests.Webhooks;

/// <summary>
/// <c>--webhook</c> end to end: the real <c>wsload run</c> against the embedded server in this process, its webhooks
/// pointed at a receiver on loopback. The Slack, Teams and JSON payloads keep their documented shapes and tell of the
/// start, a live threshold breach, a checkpoint and the end with the verdict; a receiver that fails or hangs neither
/// holds the run up nor goes uncounted; and the secret part of a webhook URL appears in no file and no output.
/// </summary>
public sealed partial class WebhookAlertTests(ITestOutputHelper output)
{
    private const string Token = "SECRETTOKEN123";

    [Fact]
    public async Task Slack_Teams_and_json_hear_the_start_a_live_breach_a_checkpoint_and_the_end_with_its_verdict()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        using var work = new TemporaryDirectory("wsload-webhooks");
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), ct);
        await using var receiver = await WebhookReceiver.StartAsync(ct);

        // 50 connections at 2/s send 100 messages a second: the threshold fails live by its second or so and never holds
        // again; the checkpoint fires once 200 are sent.
        var scenario = work.File("scenario.yaml");
        await File.WriteAllTextAsync(scenario, $$"""
            name: webhook-check
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 50, ramp: linear:1s, hold: 5s, rampDown: 1s }
            messages: { rate: 2/s }
            thresholds: ["messages.sent < 100", "connect.success > 99%"]
            checkpoints:
              - { name: many sent, when: "messages.sent > 200", action: alert }
            """, ct);
        await using var run = WsLoadProcess.Start(
            ["run", scenario, "--no-warm-up", "--out", work.Path, "--report", "html",
             "--webhook", "slack=" + receiver.Url("ok", $"services/T0/B0/{Token}"),
             "--webhook", "teams=" + receiver.Url("ok", $"teams/{Token}"),
             "--webhook", "json=" + receiver.Url("ok", $"json/{Token}")]);
        await run.WaitForExitAsync(ct);
        output.WriteLine(run.StandardError);
        var result = await RunResultJson.ReadAsync(work.File("run.json"), ct);
        Assert.Equal(RunStatus.ThresholdsFailed, result.Status);
        var verdict = VerdictName(result.Analysis!.Verdict.Decision);

        var slack = Bodies(receiver, "/ok/services/");
        var teams = Bodies(receiver, "/ok/teams/");
        var json = Bodies(receiver, "/ok/json/");
        foreach (var message in json)
        {
            output.WriteLine(message.ToJsonString());
        }

        // Generic JSON: the events in order, the end with the run's own verdict and figures.
        Assert.Equal(["run-started", "threshold-breached", "checkpoint", "run-ended"], json.Select(m => m["event"]!.GetValue<string>()));
        Assert.Equal("messages.sent < 100", json[1]["figures"]!["threshold"]!.GetValue<string>());
        Assert.Equal("many sent", json[2]["figures"]!["checkpoint"]!.GetValue<string>());
        var end = json[^1];
        Assert.Equal((verdict, "thresholds-failed"), (end["verdict"]!.GetValue<string>(), end["status"]!.GetValue<string>()));
        Assert.Equal(result.Summary.Messages.Sent, end["figures"]!["messagesSent"]!.GetValue<double>());
        Assert.Equal(result.Summary.Connections.Peak, end["figures"]!["peakConnections"]!.GetValue<double>());
        Assert.Equal((1, 1), (end["figures"]!["thresholdsPassed"]!.GetValue<int>(), end["figures"]!["thresholdsFailed"]!.GetValue<int>()));
        Assert.Equal(work.File("report.html"), end["figures"]!["report"]!.GetValue<string>());

        // Slack: fallback text and section blocks of mrkdwn, the same four messages.
        Assert.Equal(4, slack.Count);
        foreach (var message in slack)
        {
            Assert.False(string.IsNullOrWhiteSpace(message["text"]!.GetValue<string>()));
            var blocks = message["blocks"]!.AsArray();
            Assert.NotEmpty(blocks);
            Assert.All(blocks, block => Assert.Equal("section", block!["type"]!.GetValue<string>()));
            Assert.Equal("mrkdwn", blocks[0]!["text"]!["type"]!.GetValue<string>());
        }

        Assert.Contains("webhook-check started", slack[0]["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"webhook-check ended: {verdict}", slack[^1]["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(slack[^1]["blocks"]!.AsArray().SelectMany(b => b!["fields"]?.AsArray() ?? []), f => f!["text"]!.GetValue<string>() == $"*Verdict*\n{verdict}");

        // Teams: a message with one Adaptive Card whose title block tells the same.
        Assert.Equal(4, teams.Count);
        foreach (var message in teams)
        {
            Assert.Equal("message", message["type"]!.GetValue<string>());
            var attachment = Assert.Single(message["attachments"]!.AsArray())!;
            Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
            var card = attachment["content"]!;
            Assert.Equal(("AdaptiveCard", "1.4"), (card["type"]!.GetValue<string>(), card["version"]!.GetValue<string>()));
            Assert.Equal("TextBlock", card["body"]![0]!["type"]!.GetValue<string>());
        }

        var endCard = teams[^1]["attachments"]![0]!["content"]!["body"]!.AsArray();
        Assert.Equal($"WsLoad: webhook-check ended: {verdict}", endCard[0]!["text"]!.GetValue<string>());
        Assert.Contains(endCard[2]!["facts"]!.AsArray(), f => f!["title"]!.GetValue<string>() == "Verdict" && f["value"]!.GetValue<string>() == verdict);

        // Counted: run.json has what was settled by the run's end (the start, the breach, the checkpoint, each to
        // three webhooks); the end message went after run.json was written, and stderr tells it.
        var sends = Assert.Single(result.Sinks, s => s.Name == "webhooks").Sends!;
        Assert.Equal((9L, 0L, 0L, 0L), (sends.Sent, sends.Failed, sends.Dropped, sends.Pending));
        Assert.Contains("SLACK webhook at http://127.0.0.1/…: 4 sent, 0 failed", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("TEAMS webhook at http://127.0.0.1/…: 4 sent, 0 failed", run.StandardError, StringComparison.Ordinal);
        AssertNoSecret(run.StandardOutput + run.StandardError, "the console");
    }

    [Fact]
    public async Task A_receiver_that_fails_or_hangs_neither_holds_the_run_up_nor_goes_uncounted()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        using var work = new TemporaryDirectory("wsload-webhooks-failing");
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), ct);
        await using var receiver = await WebhookReceiver.StartAsync(ct);
        await using var run = WsLoadProcess.Start(
            ["run", "--url", server.WebSocketUrl.ToString(), "--connections", "50", "--ramp", "linear:1s", "--hold", "6s", "--rate", "2/s",
             "--no-warm-up", "--out", work.Path, "--report", "none",
             "--webhook", "slack=" + receiver.Url("fail", $"services/T0/B0/{Token}"),
             "--webhook", "json=" + receiver.Url("hang", $"json/{Token}")]);

        // The bound: the plan, a few seconds of start-up and reports, and the 5 s the end waits for webhooks at most. A
        // run held up by its webhooks (three 5 s tries of each message, one after another) would take far longer.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(TimeSpan.FromSeconds(8 + 20));
        var exitCode = await run.WaitForExitAsync(bounded.Token);
        output.WriteLine(run.StandardError);
        var result = await RunResultJson.ReadAsync(work.File("run.json"), ct);

        Assert.Empty(RunJsonSchema.Validate(await File.ReadAllTextAsync(work.File("run.json"), ct))); // sinks[].sends with a failure and pending

        // The run measured as if nothing were wrong: all its time, every message answered.
        Assert.Equal((0, RunStatus.Completed), (exitCode, result.Status));
        var planned = new LiveRun(result.Scenario.Name, result.Scenario).PlannedDuration.TotalSeconds;
        Assert.InRange(result.DurationSeconds, planned - 0.5, planned + 2);
        Assert.True(result.Summary.Messages.Sent > 0 && result.Summary.Messages.Sent == result.Summary.Messages.Received, $"{result.Summary.Messages}");
        Assert.Equal(50, result.Summary.Connections.Established);

        // The sink itself kept up; its messages failed, counted, naming the webhook by kind and host only.
        var health = Assert.Single(result.Sinks, s => s.Name == "webhooks");
        Assert.True(health.Finished);
        Assert.Equal((0L, 0L), (health.Dropped, health.Failed));
        var sends = health.Sends!;
        Assert.Equal(0, sends.Sent);
        Assert.True(sends.Failed >= 1, $"failed {sends.Failed}"); // the start to Slack: three 500s within the run
        Assert.True(sends.Pending >= 1, $"pending {sends.Pending}"); // the start to the hanging receiver: still trying
        Assert.Equal("SLACK webhook at http://127.0.0.1/…: HTTP 500", sends.LastFailure);

        // Each message tried three times at the failing receiver; the hanging one heard the start at least.
        var failedTries = receiver.Received("fail");
        Assert.True(failedTries.Count >= 3, $"{failedTries.Count} tries");
        Assert.NotEmpty(receiver.Received("hang"));
        var slackLine = SummaryLine().Match(run.StandardError);
        Assert.True(slackLine.Success, run.StandardError);
        Assert.Equal("0", slackLine.Groups["sent"].Value);
        Assert.Equal(failedTries.Count / 3, int.Parse(slackLine.Groups["failed"].Value, CultureInfo.InvariantCulture));
        Assert.Contains("JSON webhook at http://127.0.0.1/…: 0 sent", run.StandardError, StringComparison.Ordinal);
        AssertNoSecret(run.StandardOutput + run.StandardError, "the console");
    }

    [Fact]
    public async Task The_secret_part_of_a_webhook_url_is_in_no_file_the_run_writes_nor_in_its_output()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        using var work = new TemporaryDirectory("wsload-webhooks-secret");
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), ct);
        await using var receiver = await WebhookReceiver.StartAsync(ct);

        // Every path a URL takes: a flag, the environment, a failing receiver (its failure is recorded) and one that
        // hangs (its messages are given up at exit); the token in a path and in a query.
        await using var run = WsLoadProcess.Start(
            ["run", "--url", server.WebSocketUrl.ToString(), "--connections", "20", "--ramp", "linear:1s", "--hold", "3s", "--rate", "2/s",
             "--threshold", "messages.sent < 10", "--no-warm-up", "--out", work.Path, "--report", "html,pdf,md,csv,junit,json",
             "--webhook", "slack=" + receiver.Url("ok", $"services/T0/B0/{Token}"),
             "--webhook", "teams=env:WSLOAD_TEST_TEAMS_WEBHOOK",
             "--webhook", "json=" + receiver.Url("hang", $"json?token={Token}")],
            environment: new Dictionary<string, string> { ["WSLOAD_TEST_TEAMS_WEBHOOK"] = receiver.Url("fail", $"workflows/{Token}/run").ToString() });
        await run.WaitForExitAsync(ct);
        output.WriteLine(run.StandardError);

        Assert.NotEmpty(receiver.Received("ok"));
        Assert.NotEmpty(receiver.Received("fail"));
        Assert.Contains("TEAMS webhook at http://127.0.0.1/…: 0 sent", run.StandardError, StringComparison.Ordinal);
        AssertNoSecret(run.StandardOutput, "stdout");
        AssertNoSecret(run.StandardError, "stderr");
        var files = Directory.GetFiles(work.Path, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("report.pdf", StringComparison.Ordinal));
        Assert.True(files.Length >= 7, string.Join(", ", files));
        foreach (var file in files)
        {
            AssertNoSecret(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, ct)), file);
            if (file.EndsWith(".pdf", StringComparison.Ordinal))
            {
                AssertNoSecret(await PdfTools.TextAsync(file, ct), file + " (its text)");
            }
        }

        // The command line is recorded, with the webhook values masked.
        var result = await RunResultJson.ReadAsync(work.File("run.json"), ct);
        Assert.Contains("--webhook", result.Environment.CommandLine, StringComparison.Ordinal);
    }

    private static List<JsonNode> Bodies(WebhookReceiver receiver, string pathPrefix) =>
        [.. receiver.Received("ok").Where(r => r.PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal)).Select(r => r.Body)];

    private static string VerdictName(ReadinessDecision decision) => decision switch
    {
        ReadinessDecision.Go => "GO",
        ReadinessDecision.NoGo => "NO-GO",
        _ => "INCONCLUSIVE",
    };

    private static void AssertNoSecret(string text, string where) =>
        Assert.False(text.Contains(Token, StringComparison.OrdinalIgnoreCase), $"the webhook's token is in {where}");

    [GeneratedRegex(@"SLACK webhook at http://127\.0\.0\.1/…: (?<sent>\d+) sent, (?<failed>\d+) failed \(last: HTTP 500\)")]
    private static partial Regex SummaryLine();
}
