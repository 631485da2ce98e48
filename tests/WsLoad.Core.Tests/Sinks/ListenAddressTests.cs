using System.Net;
using WsLoad.Sinks;

namespace WsLoad.Tests.Sinks;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(null, "127.0.0.1:5665")]
    [InlineData("", "127.0.0.1:5665")]
    [InlineData("6000", "127.0.0.1:6000")]
    [InlineData(":6000", "127.0.0.1:6000")]
    [InlineData("localhost:6000", "127.0.0.1:6000")]
    [InlineData("127.0.0.2", "127.0.0.2:5665")]
    [InlineData("0.0.0.0:0", "0.0.0.0:0")]
    [InlineData("[::1]:6000", "[::1]:6000")]
    [InlineData("::1", "[::1]:5665")]
    public void The_flag_forms_parse(string? text, string expected)
    {
        Assert.True(ListenAddress.TryParse(text, 5665, out var endpoint));
        Assert.Equal(expected, ListenAddress.Format(endpoint));
    }

    [Theory]
    [InlineData("example.com:80")]
    [InlineData("127.0.0.1:99999")]
    [InlineData("127.0.0.1:x")]
    [InlineData("[::1")]
    public void Other_forms_are_refused(string text) => Assert.False(ListenAddress.TryParse(text, 5665, out _));

    [Fact]
    public void A_non_loopback_address_is_refused_without_the_flag_and_warned_about_with_it()
    {
        var any = new IPEndPoint(IPAddress.Any, 5665);
        var said = new List<string>();

        var refused = Assert.Throws<LiveMonitoringException>(() => ListenAddress.Check(any, "--dashboard", allowRemote: false, said.Add));
        ListenAddress.Check(any, "--dashboard", allowRemote: true, said.Add);
        ListenAddress.Check(new IPEndPoint(IPAddress.IPv6Loopback, 1), "--dashboard", allowRemote: false, said.Add);

        Assert.Contains("--allow-remote-monitoring", refused.Message, StringComparison.Ordinal);
        Assert.Equal("warning: --dashboard listens on 0.0.0.0:5665, not loopback: anyone who can reach this machine can read it", Assert.Single(said));
    }
}
