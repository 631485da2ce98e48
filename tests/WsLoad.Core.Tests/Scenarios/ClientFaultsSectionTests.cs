using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

/// <summary>The scenario's <c>clientFaults</c> section: loaded as written, wrong steps reported at their line and column.</summary>
public class ClientFaultsSectionTests
{
    [Fact]
    public void The_section_loads_each_kind_of_step()
    {
        var scenario = ScenarioLoader.Parse("""
            target: { url: "ws://127.0.0.1:8080/ws" }
            clientFaults:
              - { at: 10s, drop: 10% }
              - { at: 20s, slowReader: 20%, for: 5s }
              - { at: 30s, pause: 5s }
              - { at: 40s, malformed: 5 }
              - { at: 50s, oversized: 2, size: 2mb }
            """);

        var steps = scenario.ClientFaults;
        Assert.Equal([10, 20, 30, 40, 50], steps.Select(s => s.At.TotalSeconds));
        Assert.Equal(0.1, steps[0].Drop!.Value, 9);
        Assert.Equal(0.2, steps[1].SlowReader!.Value, 9);
        Assert.Equal(TimeSpan.FromSeconds(5), steps[1].For);
        Assert.Equal(TimeSpan.FromSeconds(5), steps[2].Pause);
        Assert.Equal(5, steps[3].Malformed);
        Assert.Equal(2, steps[4].Oversized);
        Assert.Equal(2 * 1024 * 1024, steps[4].Size);
        Assert.All(steps, s => Assert.Equal(1, s.ActionCount));
    }

    [Fact]
    public void A_scenario_without_the_section_has_no_client_faults() =>
        Assert.Empty(ScenarioLoader.Parse("target: { url: \"ws://127.0.0.1:8080/ws\" }").ClientFaults);

    [Theory]
    [InlineData("- { at: 1s, drop: 10%, pause: 2s }", "clientFaults[0]", 3, 5, "give exactly one of drop")]
    [InlineData("- { at: 1s }", "clientFaults[0]", 3, 5, "give exactly one of drop")]
    [InlineData("- { drop: 10% }", "clientFaults[0].at", 3, 5, "missing required field 'at'")]
    [InlineData("- { at: 1s, drop: 150% }", "clientFaults[0].drop", 3, 21, "expected a percentage")]
    [InlineData("- { at: 1s, drop: 0% }", "clientFaults[0].drop", 3, 21, "more than 0%")]
    [InlineData("- { at: 1s, slowReader: 20% }", "clientFaults[0].for", 3, 5, "needs for")]
    [InlineData("- { at: 1s, pause: 2s, for: 1s }", "clientFaults[0].for", 3, 31, "goes with slowReader")]
    [InlineData("- { at: 1s, pause: 0s }", "clientFaults[0].pause", 3, 22, "must be greater than zero")]
    [InlineData("- { at: 1s, malformed: 0 }", "clientFaults[0].malformed", 3, 26, "at least 1")]
    [InlineData("- { at: 1s, oversized: 2 }", "clientFaults[0].size", 3, 5, "needs size")]
    [InlineData("- { at: 1s, oversized: 2, size: huge }", "clientFaults[0].size", 3, 35, "expected a size in bytes")]
    [InlineData("- { at: 1s, oversized: 2, size: 100mb }", "clientFaults[0].size", 3, 35, "must be from 1 byte to 64mb")]
    [InlineData("- { at: 1s, malformed: 1, size: 2kb }", "clientFaults[0].size", 3, 35, "goes with oversized")]
    [InlineData("- { at: 1s, dorp: 10% }", "clientFaults[0].dorp", 3, 15, "did you mean 'drop'")]
    public void A_wrong_step_is_an_error_at_its_line_and_column(string step, string field, int line, int column, string message)
    {
        var text = "target: { url: \"ws://127.0.0.1:8080/ws\" }\nclientFaults:\n  " + step + "\n";

        var errors = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text)).Errors;

        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void The_section_must_be_a_list()
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            "target: { url: \"ws://127.0.0.1:8080/ws\" }\nclientFaults: { at: 1s, drop: 10% }\n")).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("clientFaults", error.Field);
        Assert.Contains("expected a list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_built_in_code_is_checked_the_same_way()
    {
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:8080/ws") },
            ClientFaults = [new ClientFaultStep { At = TimeSpan.FromSeconds(-1), Malformed = 1 }, new ClientFaultStep { At = TimeSpan.Zero, SlowReader = 0.5, For = TimeSpan.FromSeconds(1) }],
        };

        var error = Assert.Single(ScenarioValidator.Validate(scenario));
        Assert.Equal("clientFaults[0].at", error.Field);
    }
}
