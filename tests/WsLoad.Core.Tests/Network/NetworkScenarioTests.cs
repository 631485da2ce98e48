using WsLoad.Scenarios;

namespace WsLoad.Tests.Network;

/// <summary>The scenario's <c>network:</c> section: loaded with its values, and mistakes reported at file:line:col.</summary>
public class NetworkScenarioTests
{
    [Fact]
    public void A_network_section_loads_every_toxic_with_its_window()
    {
        var scenario = ScenarioLoader.Parse("""
            target: { url: ws://127.0.0.1:8080/ws }
            network:
              toxics:
                - { type: latency, latency: 50ms, jitter: 5ms, direction: both }
                - { type: partition, at: 30s, duration: 10s }
                - { type: bandwidth, rate: 1mb, at: 10s, duration: 20s, direction: down }
                - { type: loss, probability: 1%, stall: 300ms }
                - { type: reset, every: 30s, random: true }
                - { type: slowClose, delay: 2s, direction: up }
            """, "network.yaml");

        var toxics = scenario.Network!.Toxics;
        Assert.Equal(6, toxics.Count);
        Assert.Equal(new NetworkToxicOptions { Type = NetworkToxicType.Latency, Latency = TimeSpan.FromMilliseconds(50), Jitter = TimeSpan.FromMilliseconds(5) }, toxics[0]);
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10)), (toxics[1].At, toxics[1].Duration!.Value));
        Assert.Equal((1024L * 1024, NetworkDirection.Down), (toxics[2].Rate, toxics[2].Direction));
        Assert.Equal((0.01, TimeSpan.FromMilliseconds(300)), (toxics[3].Probability, toxics[3].Stall));
        Assert.True(toxics[4].Random);
        Assert.Equal((NetworkToxicType.SlowClose, NetworkDirection.Up), (toxics[5].Type, toxics[5].Direction));
    }

    [Fact]
    public void No_network_section_means_no_proxy()
    {
        Assert.Null(ScenarioLoader.Parse("target: { url: ws://h/ }\n", "s.yaml").Network);
    }

    [Theory]
    [InlineData("    - { type: latancy, latency: 5ms }\n", 4, 15, "network.toxics[0].type", "unknown value 'latancy'")]
    [InlineData("    - { type: bandwidth, rate: fast }\n", 4, 32, "network.toxics[0].rate", "expected bytes a second like 1mb")]
    [InlineData("    - { type: loss, probability: 1%, stal: 1s }\n", 4, 38, "network.toxics[0].stal", "unknown field 'stal' (did you mean 'stall'?)")]
    [InlineData("    - { type: latency }\n", 4, 7, "network.toxics[0].latency", "a latency toxic needs latency")]
    [InlineData("    - { type: partition, at: 5s, duration: 0s }\n", 4, 44, "network.toxics[0].duration", "must be greater than zero")]
    [InlineData("    - { type: partition, direction: up }\n", 4, 37, "network.toxics[0].direction", "a partition cuts both ways")]
    [InlineData("    - { latency: 5ms }\n", 4, 7, "network.toxics[0].type", "missing required field 'type'")]
    public void Mistakes_are_reported_at_their_line_and_column(string toxic, int line, int column, string field, string message)
    {
        var text = "target: { url: ws://h/ }\nnetwork:\n  toxics:\n" + toxic;
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, "n.yaml")).Errors);
        Assert.Equal((line, column, field), (error.Line, error.Column, error.Field));
        Assert.StartsWith($"n.yaml:{line}:{column}: {field}: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
