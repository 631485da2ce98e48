using System.Text.Json.Nodes;

namespace WsLoad.Sinks.Webhooks;

/// <summary>An alert in the shape its webhook's kind expects, as the UTF-8 JSON text that is posted.</summary>
public static class WebhookPayload
{
    public static JsonObject Build(WebhookKind kind, WebhookAlert alert) => kind switch
    {
        WebhookKind.Slack => SlackPayload.Build(alert),
        WebhookKind.Teams => TeamsPayload.Build(alert),
        _ => JsonAlertPayload.Build(alert),
    };

    public static string Serialize(WebhookKind kind, WebhookAlert alert) => Build(kind, alert).ToJsonString();
}
