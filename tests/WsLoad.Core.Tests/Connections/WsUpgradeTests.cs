using System.Text;
using WsLoad.Connections;

namespace WsLoad.Tests.Connections;

public class WsUpgradeTests
{
    private static readonly byte[] RfcKey = "dGhlIHNhbXBsZSBub25jZQ=="u8.ToArray();

    [Fact]
    public void Accept_key_matches_the_rfc_example()
    {
        var accept = new byte[WsUpgrade.AcceptLength];

        WsUpgrade.ComputeAccept(RfcKey, accept);

        Assert.Equal("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Encoding.ASCII.GetString(accept));
    }

    [Fact]
    public void Request_has_path_query_host_key_version_protocols_and_headers()
    {
        var request = new WsConnectRequest
        {
            Url = new Uri("ws://example.com:8080/chat?room=1"),
            Subprotocols = ["v1", "v2"],
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer x" },
        };
        var buffer = new byte[WsUpgrade.GetMaxRequestLength(request)];

        var text = Encoding.ASCII.GetString(buffer, 0, WsUpgrade.WriteRequest(buffer, request, RfcKey));

        Assert.Equal(
            "GET /chat?room=1 HTTP/1.1\r\nHost: example.com:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Sec-WebSocket-Protocol: v1, v2\r\nAuthorization: Bearer x\r\n\r\n",
            text);
    }

    [Fact]
    public void Header_values_with_line_breaks_are_refused()
    {
        var request = new WsConnectRequest
        {
            Url = new Uri("ws://example.com/"),
            Headers = new Dictionary<string, string> { ["X"] = "a\r\nInjected: yes" },
        };

        Assert.Throws<ArgumentException>(() => WsUpgrade.WriteRequest(new byte[1024], request, RfcKey));
    }

    [Fact]
    public void Target_query_is_appended_to_the_url()
    {
        var target = new WsLoad.Scenarios.TargetOptions
        {
            Url = new Uri("ws://h/p?a=1"),
            Query = new Dictionary<string, string> { ["token"] = "x y" },
        };

        Assert.Equal("/p?a=1&token=x%20y", WsConnectRequest.FromTarget(target).Url.PathAndQuery);
    }

    [Fact]
    public void Valid_101_returns_the_offered_subprotocol_instance()
    {
        var offered = new string("chat".ToCharArray());
        var head = "HTTP/1.1 101 Switching Protocols\r\nupgrade: WebSocket\r\nConnection: keep-alive, Upgrade\r\n"
            + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n";

        var chosen = WsUpgradeResponse.Validate(Encoding.ASCII.GetBytes(head), RfcKey, [offered]);

        Assert.Same(offered, chosen);
    }

    [Fact]
    public void Wrong_accept_key_is_a_protocol_failure()
    {
        var head = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n";

        var e = Assert.Throws<WsConnectException>(() => WsUpgradeResponse.Validate(Encoding.ASCII.GetBytes(head), RfcKey, []));

        Assert.Equal(WsFailure.Protocol, e.Failure);
    }

    [Fact]
    public void Non_101_status_is_upgrade_rejected_with_the_status_and_first_line()
    {
        var head = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"u8.ToArray();

        var e = Assert.Throws<WsConnectException>(() => WsUpgradeResponse.Validate(head, RfcKey, []));

        Assert.Equal((WsFailure.UpgradeRejected, 403, "upgrade-rejected"), (e.Failure, e.HttpStatus, e.FailureName));
        Assert.Contains("HTTP/1.1 403 Forbidden", e.Message);
    }

    [Fact]
    public void Garbage_instead_of_http_is_a_protocol_failure()
    {
        var e = Assert.Throws<WsConnectException>(() => WsUpgradeResponse.Validate("SSH-2.0-OpenSSH\r\n\r\n"u8, RfcKey, []));

        Assert.Equal(WsFailure.Protocol, e.Failure);
    }
}
