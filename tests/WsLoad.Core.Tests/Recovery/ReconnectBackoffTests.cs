using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Recovery;

/// <summary>The wait before each reconnect attempt, as a table over policies, attempts and jitter draws.</summary>
public class ReconnectBackoffTests
{
    private static readonly ReconnectOptions Exponential = new() { Policy = ReconnectPolicy.Exponential, Delay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(1), Jitter = 0 };

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(4, 800)]
    [InlineData(5, 1000)] // capped
    [InlineData(60, 1000)] // no overflow far past the cap
    public void Exponential_doubles_from_the_delay_up_to_the_max(int attempt, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), ReconnectBackoff.DelayBefore(Exponential, attempt, draw: 0.5));

    [Theory]
    [InlineData(0.0, 80)] // -20%
    [InlineData(0.5, 100)]
    [InlineData(0.999999, 120)] // just under +20%
    public void Jitter_draws_within_plus_or_minus_its_share(double draw, double expectedMs)
    {
        var fixedPolicy = new ReconnectOptions { Policy = ReconnectPolicy.Fixed, Delay = TimeSpan.FromMilliseconds(100), Jitter = 0.2 };
        Assert.Equal(expectedMs, ReconnectBackoff.DelayBefore(fixedPolicy, attempt: 7, draw).TotalMilliseconds, precision: 2);
    }

    [Fact]
    public void Jitter_never_takes_an_exponential_wait_past_the_max() =>
        Assert.Equal(TimeSpan.FromSeconds(1), ReconnectBackoff.DelayBefore(Exponential with { Jitter = 0.5 }, attempt: 10, draw: 0.99));

    [Theory]
    [InlineData(ReconnectPolicy.Immediate)]
    [InlineData(ReconnectPolicy.None)]
    public void Immediate_and_none_do_not_wait(ReconnectPolicy policy) =>
        Assert.Equal(TimeSpan.Zero, ReconnectBackoff.DelayBefore(new ReconnectOptions { Policy = policy, Jitter = 0.5 }, attempt: 3, draw: 0.9));

    [Fact]
    public void A_seeded_source_gives_the_same_waits_every_time()
    {
        var policy = Exponential with { Jitter = 0.2 };
        static TimeSpan[] Waits(ReconnectOptions options)
        {
            var random = new Random(42);
            return [.. Enumerable.Range(1, 6).Select(a => ReconnectBackoff.DelayBefore(options, a, random.NextDouble()))];
        }

        var first = Waits(policy);
        Assert.Equal(first, Waits(policy));
        Assert.All(first.Zip(Enumerable.Range(1, 6)), pair =>
        {
            var nominal = Math.Min(100 * Math.Pow(2, pair.Second - 1), 1000);
            Assert.InRange(pair.First.TotalMilliseconds, nominal * 0.8, Math.Min(nominal * 1.2, 1000));
        });
    }

    [Theory]
    [InlineData("none", ReconnectPolicy.None, 100, 5000)]
    [InlineData("immediate", ReconnectPolicy.Immediate, 100, 5000)]
    [InlineData("fixed:500ms", ReconnectPolicy.Fixed, 500, 5000)]
    [InlineData("exponential", ReconnectPolicy.Exponential, 100, 5000)]
    [InlineData("exponential:100ms..5s", ReconnectPolicy.Exponential, 100, 5000)]
    [InlineData(" Exponential:250ms..2s ", ReconnectPolicy.Exponential, 250, 2000)]
    public void The_shorthand_reads_policy_delay_and_max_delay(string text, ReconnectPolicy policy, double delayMs, double maxDelayMs)
    {
        Assert.True(ScenarioValues.TryParseReconnect(text, out var options));
        Assert.Equal((policy, TimeSpan.FromMilliseconds(delayMs), TimeSpan.FromMilliseconds(maxDelayMs)), (options.Policy, options.Delay, options.MaxDelay));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sometimes")]
    [InlineData("immediate:1s")]
    [InlineData("fixed:1s..2s")]
    [InlineData("exponential:fast")]
    public void The_shorthand_rejects_what_it_does_not_understand(string text) =>
        Assert.False(ScenarioValues.TryParseReconnect(text, out _));
}
