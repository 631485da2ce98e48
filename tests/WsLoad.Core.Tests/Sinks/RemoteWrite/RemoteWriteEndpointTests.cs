using System.Text;
using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

public class RemoteWriteEndpointTests
{
    [Fact]
    public void The_display_is_scheme_host_and_port_the_request_keeps_the_query_and_the_userinfo_becomes_basic_credentials()
    {
        var endpoint = new RemoteWriteEndpoint(new Uri("http://us%40er:pa%3Ass@127.0.0.1:9091/api/v1/write?token=abc"));

        Assert.Equal("http://127.0.0.1:9091", endpoint.Display);
        Assert.Equal("http://127.0.0.1:9091/api/v1/write?token=abc", endpoint.RequestUri.AbsoluteUri);
        Assert.Equal("Basic", endpoint.Authorization?.Scheme);
        Assert.Equal("us@er:pa:ss", Encoding.UTF8.GetString(Convert.FromBase64String(endpoint.Authorization!.Parameter!)));
    }

    [Fact]
    public void A_url_without_userinfo_sends_no_credentials_and_its_default_port_is_shown()
    {
        var endpoint = new RemoteWriteEndpoint(new Uri("https://prometheus.example/api/v1/write"));

        Assert.Equal("https://prometheus.example:443", endpoint.Display);
        Assert.Null(endpoint.Authorization);
    }
}
