using WsLoad.Scenarios;

namespace WsLoad.Tests.Recovery;

/// <summary>connections.reconnect and messages.recovery in scenario files: read, defaulted and checked with their place.</summary>
public class RecoveryScenarioTests
{
    [Fact]
    public void A_reconnect_mapping_and_resend_are_read()
    {
        var scenario = ScenarioLoader.Parse("""
            target: { url: ws://h/ }
            connections:
              count: 10
              reconnect: { policy: fixed, delay: 250ms, jitter: 10%, maxAttempts: 3, maxConcurrent: 5 }
            messages: { rate: 1/s, recovery: resend }
            """, "s.yaml");
        Assert.Equal(
            new ReconnectOptions { Policy = ReconnectPolicy.Fixed, Delay = TimeSpan.FromMilliseconds(250), Jitter = 0.1, MaxAttempts = 3, MaxConcurrent = 5 },
            scenario.Connections.Reconnect);
        Assert.Equal(MessageRecovery.Resend, scenario.Messages.Recovery);
    }

    [Fact]
    public void The_shorthand_works_in_a_file_and_the_default_is_none()
    {
        Assert.Equal(ReconnectPolicy.Exponential, ScenarioLoader.Parse("target: { url: ws://h/ }\nconnections: { reconnect: 'exponential:100ms..5s' }\n", "s.yaml").Connections.Reconnect.Policy);
        var plain = ScenarioLoader.Parse("target: { url: ws://h/ }\n", "s.yaml");
        Assert.Equal((ReconnectPolicy.None, MessageRecovery.None), (plain.Connections.Reconnect.Policy, plain.Messages.Recovery));
    }

    [Fact]
    public void Bad_values_are_reported_at_their_line_and_column()
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""
            target: { url: ws://h/ }
            connections:
              reconnect:
                policy: exponential
                delay: 2s
                maxDelay: 1s
                maxAttempts: 0
            """, "s.yaml")).Errors;
        Assert.Contains(errors, e => e is { Field: "connections.reconnect.maxDelay", Line: 6, Column: 15 });
        Assert.Contains(errors, e => e is { Field: "connections.reconnect.maxAttempts", Line: 7, Column: 18 });
    }

    [Fact]
    public void Resend_without_a_reconnect_policy_says_what_to_add()
    {
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("target: { url: ws://h/ }\nmessages: { recovery: resend }\n", "s.yaml")).Errors);
        Assert.Equal(("messages.recovery", 2, 23), (error.Field, error.Line, error.Column));
        Assert.Contains("connections.reconnect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_shorthand_lists_the_forms() =>
        Assert.Contains(
            ScenarioValues.ReconnectForms,
            Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("target: { url: ws://h/ }\nconnections: { reconnect: sometimes }\n", "s.yaml")).Errors).Message,
            StringComparison.Ordinal);
}
