using System.Net;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

public sealed class SourceAddressListTests
{
    [Theory]
    [InlineData("127.0.0.2", new[] { "127.0.0.2" })]
    [InlineData("::1", new[] { "::1" })]
    [InlineData("127.0.0.1-127.0.0.4", new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4" })]
    [InlineData("127.0.0.1-3", new[] { "127.0.0.1", "127.0.0.2", "127.0.0.3" })]
    [InlineData(" 10.0.0.254 - 10.0.1.1 ", new[] { "10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1" })]
    [InlineData("fd00::fe-fd00::101", new[] { "fd00::fe", "fd00::ff", "fd00::100", "fd00::101" })]
    [InlineData("127.0.0.5-127.0.0.5", new[] { "127.0.0.5" })]
    public void An_entry_expands_to_its_addresses_in_order(string entry, string[] expected)
    {
        Assert.True(SourceAddressList.TryParse(entry, out var addresses, out var error), error);
        Assert.Equal(expected, addresses.Select(a => a.ToString()));
    }

    [Theory]
    [InlineData("localhost", "is not an IP address or a range")]
    [InlineData("127.0.0.9-127.0.0.2", "runs backwards; write the lower address first (127.0.0.2-127.0.0.9)")]
    [InlineData("127.0.0.1-::1", "is not an IP address of the same family")]
    [InlineData("127.0.0.1-256", "is not an IP address of the same family")]
    [InlineData("nope-127.0.0.2", "'nope' is not an IP address")]
    [InlineData("10.0.0.0-10.1.0.0", "holds 65,537 addresses, more than 65,536")]
    public void A_bad_entry_says_what_is_wrong_with_it(string entry, string expected)
    {
        Assert.False(SourceAddressList.TryParse(entry, out var addresses, out var error));
        Assert.Empty(addresses);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains(entry.Split('-')[0], error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_expands_entry_by_entry_in_the_order_written()
    {
        var addresses = SourceAddressList.Expand(["127.0.0.9", "127.0.0.2-3", "::1"]);

        Assert.Equal([IPAddress.Parse("127.0.0.9"), IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3"), IPAddress.IPv6Loopback], addresses);
    }

    [Fact]
    public void The_validator_names_the_bad_entry_and_accepts_ranges()
    {
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:8080/ws") },
            Connections = new ConnectionOptions { SourceAddresses = ["127.0.0.1-127.0.0.16", "127.0.0.20-127.0.0.17"] },
        };

        var error = Assert.Single(ScenarioValidator.Validate(scenario));

        Assert.Equal("connections.sourceAddresses[1]", error.Field);
        Assert.Contains("runs backwards", error.Message, StringComparison.Ordinal);
    }
}
