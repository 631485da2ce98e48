using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// Why a try failed, in words that never hold the webhook's URL: an exception's message may quote the URL (and its
/// token), so only its kind is used (the HTTP status, <see cref="HttpRequestError"/>, the socket error).
/// </summary>
internal static class WebhookFailure
{
    public static string Status(HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests => "HTTP 429 (rate limited)",
        _ => "HTTP " + ((int)status).ToString(CultureInfo.InvariantCulture),
    };

    public static string TimedOut(TimeSpan timeout) =>
        "timed out after " + timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    public static string Of(Exception exception) => exception switch
    {
        HttpRequestException { InnerException: SocketException socket } => "no connection (" + socket.SocketErrorCode + ")",
        HttpRequestException http => "request failed (" + http.HttpRequestError + ")",
        _ => "request failed (" + exception.GetType().Name + ")",
    };

    /// <summary>Whether another try may fare better: 408, 429 and 5xx may; other statuses will not.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>The wait a 429 or 503 asks for (<c>Retry-After</c>: seconds or a date), capped; null when it asks none.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now, TimeSpan max)
    {
        var wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return wait is { } w ? TimeSpan.FromTicks(Math.Clamp(w.Ticks, 0, max.Ticks)) : null;
    }
}
