using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// WsLoad's own webhook document (<c>--webhook json=URL</c>), for receivers of one's own:
/// <c>{ "source": "wsload", "version": 1, "event": "run-ended", "run", "at", "atSeconds", "severity", "title",
/// "message", "status", "verdict", "figures": { key: number or text } }</c>. <c>event</c> is one of
/// <c>run-started</c>, <c>threshold-breached</c>, <c>threshold-recovered</c>, <c>checkpoint</c>, <c>run-ended</c>;
/// fields that do not apply are null. <see cref="Version"/> changes only when a field changes meaning or goes.
/// </summary>
public static class JsonAlertPayload
{
    public const int Version = 1;

    public static JsonObject Build(WebhookAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var figures = new JsonObject();
        foreach (var figure in alert.Figures)
        {
            figures[figure.Key] = figure.Number is { } number && double.IsFinite(number) ? JsonValue.Create(number) : JsonValue.Create(figure.Display);
        }

        return new JsonObject
        {
            ["source"] = "wsload",
            ["version"] = Version,
            ["event"] = JsonNamingPolicy.KebabCaseLower.ConvertName(alert.Event.ToString()),
            ["run"] = alert.Run,
            ["at"] = alert.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["atSeconds"] = alert.AtSeconds,
            ["severity"] = JsonNamingPolicy.KebabCaseLower.ConvertName(alert.Severity.ToString()),
            ["title"] = alert.Title,
            ["message"] = alert.Message,
            ["status"] = alert.Status,
            ["verdict"] = alert.Verdict,
            ["figures"] = figures,
        };
    }
}
