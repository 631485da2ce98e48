using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

/// <summary>The scenario's <c>serverFaults</c> section: loaded as written, wrong values reported at their line and column.</summary>
public class ServerFaultsSectionTests
{
    [Fact]
    public void The_section_loads_its_steps_in_order_and_derives_the_admin_url_from_the_target()
    {
        var scenario = ScenarioLoader.Parse("""
            target: { url: "ws://127.0.0.1:8080/ws" }
            serverFaults:
              at:
                - { at: 10s, set: { replyDelay: 50ms-150ms, corruptPercent: 1 } }
                - { at: 20s, stall: 2s }
                - { at: 30s, clear: true }
            """);

        var faults = scenario.ServerFaults!;
        Assert.Equal(new Uri("http://127.0.0.1:8080/admin"), faults.AdminFor(scenario.Target.Url));
        Assert.Equal([10, 20, 30], faults.At.Select(s => s.At.TotalSeconds));
        Assert.Equal("50ms-150ms", faults.At[0].Set!["replyDelay"]);
        Assert.Equal("1", faults.At[0].Set!["corruptPercent"]);
        Assert.Equal("reply delay 50–150 ms, corrupt 1%", ServerFaultPlanFields.Describe(faults.At[0].Set!));
        Assert.Equal(TimeSpan.FromSeconds(2), faults.At[1].Stall);
        Assert.True(faults.At[2].Clear);
    }

    [Fact]
    public void A_wss_target_gives_an_https_admin_url_and_an_explicit_admin_wins()
    {
        Assert.Equal(new Uri("https://example.test:9443/admin"), new ServerFaultOptions().AdminFor(new Uri("wss://example.test:9443/socket")));
        Assert.Equal(new Uri("http://10.0.0.1:81/x"), new ServerFaultOptions { Admin = new Uri("http://10.0.0.1:81/x") }.AdminFor(new Uri("ws://h/")));
    }

    [Theory]
    [InlineData("- { at: 1s, set: { replyDelay: soon } }", "serverFaults.at[0].set.replyDelay", 4, 36, "is not a delay like 25ms")]
    [InlineData("- { at: 1s, set: { corruptPercent: 150 } }", "serverFaults.at[0].set.corruptPercent", 4, 40, "is not a percentage 0-100")]
    [InlineData("- { at: 1s, set: { dropEvry: 3 } }", "serverFaults.at[0].set.dropEvry", 4, 34, "unknown fault 'dropEvry'")]
    [InlineData("- { at: 1s, stall: 2s, clear: true }", "serverFaults.at[0]", 4, 7, "give exactly one of set")]
    [InlineData("- { at: 1s, stall: 0s }", "serverFaults.at[0].stall", 4, 24, "must be greater than zero")]
    [InlineData("- { set: { dropEvery: 2 } }", "serverFaults.at[0].at", 4, 7, "missing required field 'at'")]
    [InlineData("- { at: 1s, sett: { dropEvery: 2 } }", "serverFaults.at[0].sett", 4, 17, "did you mean 'set'")]
    public void A_wrong_step_is_an_error_at_its_line_and_column(string step, string field, int line, int column, string message)
    {
        var text = "target: { url: \"ws://127.0.0.1:8080/ws\" }\nserverFaults:\n  at:\n    " + step + "\n";

        var errors = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text)).Errors;

        var error = Assert.Single(errors, e => e.Field == field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), (error.Line, error.Column));
    }
}
