using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using WsLoad.Sinks.Webhooks;

namespace WsLoad.Tests.Sinks.Webhooks;

/// <summary>Which failures are tried again, how long a Retry-After asks to wait, and that a failure's words hold no URL.</summary>
public sealed class WebhookFailureTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 4, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    public void Only_timeouts_rate_limits_and_server_errors_are_tried_again(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, WebhookFailure.IsTransient(status));

    [Fact]
    public void Retry_after_in_seconds_or_as_a_date_is_honoured_up_to_the_cap()
    {
        var cap = TimeSpan.FromSeconds(30);
        Assert.Equal(TimeSpan.FromSeconds(7), WebhookFailure.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now, cap));
        Assert.Equal(TimeSpan.FromSeconds(12), WebhookFailure.RetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(12)), Now, cap));
        Assert.Equal(cap, WebhookFailure.RetryAfter(new RetryConditionHeaderValue(TimeSpan.FromMinutes(10)), Now, cap));
        Assert.Equal(TimeSpan.Zero, WebhookFailure.RetryAfter(new RetryConditionHeaderValue(Now.AddSeconds(-5)), Now, cap));
        Assert.Null(WebhookFailure.RetryAfter(null, Now, cap));
    }

    [Fact]
    public void A_failure_is_named_by_its_kind_never_by_the_exceptions_message_that_may_quote_the_url()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (hooks.slack.com:443/services/T/B/SECRET)", new SocketException((int)SocketError.ConnectionRefused));
        var other = new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established: https://x/SECRET");

        Assert.Equal("no connection (ConnectionRefused)", WebhookFailure.Of(refused));
        Assert.Equal("request failed (SecureConnectionError)", WebhookFailure.Of(other));
        Assert.Equal("HTTP 429 (rate limited)", WebhookFailure.Status(HttpStatusCode.TooManyRequests));
        Assert.Equal("timed out after 5 s", WebhookFailure.TimedOut(TimeSpan.FromSeconds(5)));
    }
}
