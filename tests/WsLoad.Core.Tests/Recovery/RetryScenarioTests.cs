using WsLoad.Scenarios;

namespace WsLoad.Tests.Recovery;

/// <summary>messages.retry in scenario files: the shorthand, the mapping, the waits, and errors at their place.</summary>
public class RetryScenarioTests
{
    [Fact]
    public void The_shorthand_sets_the_first_wait_and_keeps_the_defaults()
    {
        var retry = ScenarioLoader.Parse("target: { url: ws://h/ }\nmessages: { rate: 1/s, retry: 500ms }\n", "s.yaml").Messages.Retry;
        Assert.Equal(new RetryOptions { After = TimeSpan.FromMilliseconds(500), Backoff = 2, MaxRetries = 3 }, retry);
        Assert.True(retry.Enabled);
    }

    [Fact]
    public void A_mapping_is_read_and_off_is_the_default()
    {
        var retry = ScenarioLoader.Parse("target: { url: ws://h/ }\nmessages: { retry: { after: 1s, backoff: 1, maxRetries: 5 } }\n", "s.yaml").Messages.Retry;
        Assert.Equal(new RetryOptions { After = TimeSpan.FromSeconds(1), Backoff = 1, MaxRetries = 5 }, retry);
        Assert.False(ScenarioLoader.Parse("target: { url: ws://h/ }\n", "s.yaml").Messages.Retry.Enabled);
        Assert.False(ScenarioLoader.Parse("target: { url: ws://h/ }\nmessages: { retry: off }\n", "s.yaml").Messages.Retry.Enabled);
    }

    [Fact]
    public void Each_wait_is_backoff_times_the_one_before()
    {
        var retry = new RetryOptions { After = TimeSpan.FromMilliseconds(200), Backoff = 3 };
        Assert.Equal([200.0, 600, 1800], [.. Enumerable.Range(1, 3).Select(n => retry.WaitBefore(n).TotalMilliseconds)]);
    }

    [Fact]
    public void Bad_values_are_reported_at_their_line_and_column()
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("""
            target: { url: ws://h/ }
            messages:
              retry:
                after: 100ms
                backoff: 0.5
                maxRetries: 0
            """, "s.yaml")).Errors;
        Assert.Contains(errors, e => e is { Field: "messages.retry.backoff", Line: 5, Column: 14 });
        Assert.Contains(errors, e => e is { Field: "messages.retry.maxRetries", Line: 6, Column: 17 });
    }

    [Fact]
    public void A_mapping_without_after_says_what_to_add() =>
        Assert.Contains(
            Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("target: { url: ws://h/ }\nmessages: { retry: { maxRetries: 2 } }\n", "s.yaml")).Errors,
            e => e.Field == "messages.retry.after" && e.Message.Contains("500ms", StringComparison.Ordinal));

    [Fact]
    public void Retry_without_answers_to_wait_for_is_refused()
    {
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("target: { url: ws://h/ }\nmessages: { expect: none, retry: 1s }\n", "s.yaml")).Errors);
        Assert.Equal("messages.retry", error.Field);
        Assert.Contains("expect", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_shorthand_lists_the_forms() =>
        Assert.Contains(
            ScenarioValues.RetryForms,
            Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse("target: { url: ws://h/ }\nmessages: { retry: sometimes }\n", "s.yaml")).Errors).Message,
            StringComparison.Ordinal);
}
