using System.Text.Json.Nodes;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// A Slack incoming webhook's message (api.slack.com/messaging/webhooks): <c>text</c>, the notification's fallback,
/// and Block Kit <c>blocks</c>: a <c>section</c> with the title and sentence in mrkdwn, then sections of figure
/// <c>fields</c> (at most 10 to a section, as Block Kit allows).
/// </summary>
public static class SlackPayload
{
    private const int MaxFieldsPerSection = 10;
    private const int MaxSectionText = 3000;
    private const int MaxFieldText = 2000;

    public static JsonObject Build(WebhookAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var blocks = new JsonArray
        {
            Section(Cut($"{Emoji(alert.Severity)} *{Escape(alert.Title)}*\n{Escape(alert.Message)}", MaxSectionText)),
        };
        foreach (var chunk in alert.Figures.Chunk(MaxFieldsPerSection))
        {
            var fields = new JsonArray();
            foreach (var figure in chunk)
            {
                fields.Add(Mrkdwn(Cut($"*{Escape(figure.Label)}*\n{Escape(figure.Display)}", MaxFieldText)));
            }

            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }

        return new JsonObject
        {
            ["text"] = Cut($"{alert.Title}: {alert.Message}", MaxSectionText),
            ["blocks"] = blocks,
        };
    }

    /// <summary>Slack's mrkdwn treats &amp;, &lt; and &gt; as control characters; these three are escaped.</summary>
    internal static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Mrkdwn(text) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Emoji(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => ":red_circle:",
        AlertSeverity.Warning => ":large_orange_circle:",
        AlertSeverity.Good => ":large_green_circle:",
        _ => ":large_blue_circle:",
    };

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
