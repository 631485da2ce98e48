using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WsLoad.Sinks.Webhooks;

/// <summary>An alert in the shape its webhook's kind expects, as the UTF-8 JSON text that is posted.</summary>
public static class WebhookPayload
{
    // A request body, never HTML: quotes and '+' need no escaping, and receivers show what they get.
    private static readonly JsonSerializerOptions BodyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Build(WebhookKind kind, WebhookAlert alert) => kind switch
    {
        WebhookKind.Slack => SlackPayload.Build(alert),
        WebhookKind.Teams => TeamsPayload.Build(alert),
        _ => JsonAlertPayload.Build(alert),
    };

    public static string Serialize(WebhookKind kind, WebhookAlert alert) => Build(kind, alert).ToJsonString(BodyOptions);
}
