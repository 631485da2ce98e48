using System.Text.Json.Nodes;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// A Microsoft Teams workflow's message ("post to a channel when a webhook request is received"): a <c>message</c>
/// with one Adaptive Card attachment (version 1.4, which Teams renders): the title as a bold TextBlock coloured by
/// severity, the sentence as a wrapping TextBlock, and the figures as a FactSet.
/// </summary>
public static class TeamsPayload
{
    /// <summary>The attachment's content type for an Adaptive Card.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public static JsonObject Build(WebhookAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var body = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = alert.Title,
                ["weight"] = "Bolder",
                ["size"] = "Medium",
                ["color"] = Color(alert.Severity),
                ["wrap"] = true,
            },
            new JsonObject { ["type"] = "TextBlock", ["text"] = alert.Message, ["wrap"] = true },
        };
        if (alert.Figures.Count > 0)
        {
            var facts = new JsonArray();
            foreach (var figure in alert.Figures)
            {
                facts.Add(new JsonObject { ["title"] = figure.Label, ["value"] = figure.Display });
            }

            body.Add(new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        }

        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.4",
            ["body"] = body,
        };
        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray
            {
                new JsonObject { ["contentType"] = AdaptiveCardContentType, ["contentUrl"] = null, ["content"] = card },
            },
        };
    }

    private static string Color(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "Attention",
        AlertSeverity.Warning => "Warning",
        AlertSeverity.Good => "Good",
        _ => "Default",
    };
}
