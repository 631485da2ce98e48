using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

public class ScenarioValuesTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("20s", 20_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1s500ms", 1_500)]
    [InlineData("0", 0)]
    [InlineData("3", 3_000)]
    [InlineData("0.25", 250)]
    [InlineData(" 10s ", 10_000)]
    public void Durations_parse(string text, double expectedMs)
    {
        Assert.True(ScenarioValues.TryParseDuration(text, out var value));
        Assert.Equal(expectedMs, value.TotalMilliseconds);
    }

    [Theory]
    [InlineData("500us", 5_000)]
    [InlineData("500\u00B5s", 5_000)] // micro sign
    [InlineData("500\u03BCs", 5_000)] // Greek mu
    [InlineData("1us", 10)]
    [InlineData("0.5us", 5)]
    [InlineData("2.5us", 25)]
    [InlineData("1ms250us", 12_500)]
    [InlineData("1s1us", 10_000_010)]
    public void Microseconds_parse_to_the_tick(string text, long expectedTicks)
    {
        Assert.True(ScenarioValues.TryParseDuration(text, out var value));
        Assert.Equal(expectedTicks, value.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("10 s")]
    [InlineData("-1s")]
    [InlineData("1,5s")]
    [InlineData("10x")]
    [InlineData("1.s")]
    [InlineData("ten seconds")]
    [InlineData("99999999999999999h")]
    [InlineData("500u")]
    [InlineData("500 us")]
    [InlineData("500\u00B5")]
    [InlineData("500ns")]
    [InlineData("\u0661s")] // an Arabic-Indic digit: \d matches it, double.Parse does not
    [InlineData("1\u0665ms")]
    public void Bad_durations_do_not_parse(string text) => Assert.False(ScenarioValues.TryParseDuration(text, out _));

    [Theory]
    [InlineData("1/s", 1)]
    [InlineData("60/m", 1)]
    [InlineData("3600/h", 1)]
    [InlineData("0.5/s", 0.5)]
    [InlineData("10000/s", 10_000)]
    [InlineData("120/min", 2)]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    [InlineData("5 / s", 5)]
    public void Rates_parse(string text, double expected)
    {
        Assert.True(ScenarioValues.TryParseRate(text, out var perSecond));
        Assert.Equal(expected, perSecond, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/s")]
    [InlineData("1/d")]
    [InlineData("-1/s")]
    [InlineData("1/s/s")]
    [InlineData("fast")]
    public void Bad_rates_do_not_parse(string text) => Assert.False(ScenarioValues.TryParseRate(text, out _));

    [Theory]
    [InlineData("100", "100")]
    [InlineData("2kb", "2048")]
    [InlineData("1MB", "1048576")]
    [InlineData("1kib", "1024")]
    [InlineData("10b", "10")]
    [InlineData("64-1024", "64-1024")]
    [InlineData("1kb-4kb", "1024-4096")]
    [InlineData("[64,128]", "[64, 128]")]
    [InlineData("[64, 1kb, 256]", "[64, 1024, 256]")]
    public void Sizes_parse(string text, string expected)
    {
        Assert.True(ScenarioValues.TryParseSize(text, out var size));
        Assert.Equal(expected, size.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("big")]
    [InlineData("1.5")]
    [InlineData("1gb")]
    [InlineData("10ib")]
    [InlineData("64-")]
    [InlineData("[]")]
    [InlineData("[64,]")]
    [InlineData("3000000000")]
    public void Bad_sizes_do_not_parse(string text) => Assert.False(ScenarioValues.TryParseSize(text, out _));

    [Fact]
    public void Ramps_parse()
    {
        Assert.True(ScenarioValues.TryParseRamp("linear:10s", out var linear));
        Assert.Equal(new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(10) }, linear);

        Assert.True(ScenarioValues.TryParseRamp("exponential:20s", out var exponential));
        Assert.Equal(new RampOptions { Strategy = RampStrategy.Exponential, Duration = TimeSpan.FromSeconds(20) }, exponential);

        Assert.True(ScenarioValues.TryParseRamp("stepped:5x10s", out var stepped));
        Assert.Equal(new RampOptions { Strategy = RampStrategy.Stepped, Steps = 5, Plateau = TimeSpan.FromSeconds(10) }, stepped);

        Assert.True(ScenarioValues.TryParseRamp("burst", out var burst));
        Assert.Equal(new RampOptions { Strategy = RampStrategy.Burst }, burst);

        Assert.True(ScenarioValues.TryParseRamp("burst:1000/2s", out var batches));
        Assert.Equal(new RampOptions { Strategy = RampStrategy.Burst, BatchSize = 1000, Interval = TimeSpan.FromSeconds(2) }, batches);

        Assert.True(ScenarioValues.TryParseRamp("Linear", out var bare));
        Assert.Equal(new RampOptions(), bare);
    }

    [Theory]
    [InlineData("")]
    [InlineData("expo:20s")]
    [InlineData("linear:fast")]
    [InlineData("stepped:x10s")]
    [InlineData("stepped:5x")]
    [InlineData("burst:lots/2s")]
    [InlineData("burst:1000/soon")]
    [InlineData("1:10s")]
    [InlineData("linear,burst")]
    public void Bad_ramps_do_not_parse(string text) => Assert.False(ScenarioValues.TryParseRamp(text, out _));
}
