using System.Text.Json.Nodes;
using WsLoad.Sinks;
using WsLoad.Sinks.Webhooks;

namespace WsLoad.Tests.Sinks.Webhooks;

/// <summary>
/// The three payload shapes of one alert: Slack's incoming webhook (<c>text</c> and section <c>blocks</c>), the Teams
/// workflow's message with an Adaptive Card attachment, and WsLoad's own JSON document.
/// </summary>
public sealed class WebhookPayloadTests
{
    private static readonly WebhookAlert Alert = new()
    {
        Event = WebhookEvent.RunEnded,
        Run = "chat <prod> & co",
        At = new DateTimeOffset(2026, 12, 6, 4, 30, 0, TimeSpan.Zero),
        Severity = AlertSeverity.Critical,
        Title = "WsLoad: chat ended: NO-GO",
        Message = "rtt.p99 > 200ms & errors",
        Verdict = "NO-GO",
        Status = "completed",
        Figures = [.. Enumerable.Range(1, 12).Select(i => new AlertFigure($"figure{i}", $"Figure {i}", $"{i} ms", i))],
    };

    [Fact]
    public void Slack_has_fallback_text_and_mrkdwn_sections_with_at_most_ten_fields_each()
    {
        var payload = Parse(WebhookKind.Slack);

        Assert.Equal("WsLoad: chat ended: NO-GO: rtt.p99 > 200ms & errors", payload["text"]!.GetValue<string>());
        var blocks = payload["blocks"]!.AsArray();
        Assert.All(blocks, block => Assert.Equal("section", block!["type"]!.GetValue<string>()));
        var head = blocks[0]!["text"]!;
        Assert.Equal("mrkdwn", head["type"]!.GetValue<string>());
        Assert.Equal(":red_circle: *WsLoad: chat ended: NO-GO*\nrtt.p99 &gt; 200ms &amp; errors", head["text"]!.GetValue<string>());
        var fields = blocks.Skip(1).Select(b => b!["fields"]!.AsArray()).ToList();
        Assert.Equal([10, 2], fields.Select(f => f.Count));
        Assert.Equal("*Figure 12*\n12 ms", fields[1][1]!["text"]!.GetValue<string>());
        Assert.All(fields.SelectMany(f => f), field => Assert.Equal("mrkdwn", field!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Teams_is_a_message_with_one_adaptive_card_of_text_blocks_and_a_fact_set()
    {
        var payload = Parse(WebhookKind.Teams);

        Assert.Equal("message", payload["type"]!.GetValue<string>());
        var attachment = Assert.Single(payload["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.True(attachment.AsObject().ContainsKey("contentUrl"));
        Assert.Null(attachment["contentUrl"]);
        var card = attachment["content"]!;
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card["$schema"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Equal("1.4", card["version"]!.GetValue<string>());
        var body = card["body"]!.AsArray();
        Assert.Equal(["TextBlock", "TextBlock", "FactSet"], body.Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("WsLoad: chat ended: NO-GO", body[0]!["text"]!.GetValue<string>());
        Assert.Equal("Attention", body[0]!["color"]!.GetValue<string>());
        Assert.True(body[1]!["wrap"]!.GetValue<bool>());
        var facts = body[2]!["facts"]!.AsArray();
        Assert.Equal(12, facts.Count);
        Assert.Equal(("Figure 1", "1 ms"), (facts[0]!["title"]!.GetValue<string>(), facts[0]!["value"]!.GetValue<string>()));
    }

    [Fact]
    public void Json_names_the_event_in_kebab_case_and_gives_figures_as_numbers_where_they_are()
    {
        var alert = Alert with { Figures = [new("rttP99Ms", "RTT p99", "812 ms", 812), new("target", "Target", "127.0.0.1:5000")] };

        var payload = JsonNode.Parse(WebhookPayload.Serialize(WebhookKind.Json, alert))!;

        Assert.Equal("wsload", payload["source"]!.GetValue<string>());
        Assert.Equal(1, payload["version"]!.GetValue<int>());
        Assert.Equal("run-ended", payload["event"]!.GetValue<string>());
        Assert.Equal("chat <prod> & co", payload["run"]!.GetValue<string>());
        Assert.Equal("2026-12-06T04:30:00.0000000Z", payload["at"]!.GetValue<string>());
        Assert.Equal(("NO-GO", "completed", "critical"), (payload["verdict"]!.GetValue<string>(), payload["status"]!.GetValue<string>(), payload["severity"]!.GetValue<string>()));
        Assert.Equal(812, payload["figures"]!["rttP99Ms"]!.GetValue<double>());
        Assert.Equal("127.0.0.1:5000", payload["figures"]!["target"]!.GetValue<string>());
        Assert.Null(payload["atSeconds"]);
    }

    private static JsonNode Parse(WebhookKind kind) => JsonNode.Parse(WebhookPayload.Serialize(kind, Alert))!;
}
