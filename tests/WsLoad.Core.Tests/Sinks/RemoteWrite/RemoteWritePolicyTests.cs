using System.Net;
using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

public class RemoteWritePolicyTests
{
    [Fact]
    public void The_backoff_doubles_from_the_first_up_to_its_cap()
    {
        var policy = new RemoteWritePolicy { FirstBackoff = TimeSpan.FromMilliseconds(500), MaxBackoff = TimeSpan.FromSeconds(3) };

        Assert.Equal([0.5, 1, 2, 3, 3], Enumerable.Range(2, 5).Select(attempt => policy.BackoffBefore(attempt).TotalSeconds));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void Server_errors_and_429_are_retried_other_refusals_are_not(HttpStatusCode status, bool retried) =>
        Assert.Equal(retried, RemoteWritePolicy.IsRetryable(status));
}
