using WsLoad.Reporting.Comparison;

namespace WsLoad.Tests.Reporting.Comparison;

/// <summary>The verdict of one figure: threshold AND noise, in the figure's direction.</summary>
public sealed class FigureComparisonTests
{
    private static FigureComparison Figure(Better better, double? before, double? after, Interval? beforeInterval = null, Interval? afterInterval = null, double threshold = 0.1) => new()
    {
        Name = "x",
        Unit = "ms",
        Better = better,
        Base = before,
        New = after,
        BaseInterval = beforeInterval,
        NewInterval = afterInterval,
        Threshold = threshold,
    };

    [Theory]
    [InlineData("Lower", 10, 12, "Regression")] // latency +20%
    [InlineData("Lower", 10, 8, "Improvement")]
    [InlineData("Higher", 1_000, 800, "Regression")] // throughput −20%
    [InlineData("Higher", 1_000, 1_200, "Improvement")]
    [InlineData("Lower", 10, 10.5, "WithinNoise")] // +5% < 10%
    [InlineData("Lower", 10, 11, "WithinNoise")] // exactly the threshold is not beyond it
    [InlineData("Lower", 10, 10, "WithinNoise")]
    public void Without_intervals_the_threshold_alone_decides(string better, double before, double after, string expected)
    {
        // Enums by name: the enums are internal, and theory methods are public.
        Assert.Equal(Enum.Parse<ChangeVerdict>(expected), Figure(Enum.Parse<Better>(better), before, after).Verdict);
    }

    [Fact]
    public void A_change_beyond_the_threshold_whose_intervals_overlap_is_within_noise()
    {
        var figure = Figure(Better.Lower, 10, 15, new Interval(8, 14), new Interval(13, 20));

        Assert.True(figure.ExceedsThreshold);
        Assert.Equal(ChangeVerdict.WithinNoise, figure.Verdict);
    }

    [Fact]
    public void A_change_beyond_the_threshold_with_disjoint_intervals_is_flagged()
    {
        Assert.Equal(ChangeVerdict.Regression, Figure(Better.Lower, 10, 15, new Interval(9, 11), new Interval(14, 16)).Verdict);
    }

    [Fact]
    public void Disjoint_intervals_but_a_change_below_the_threshold_are_within_noise()
    {
        Assert.Equal(ChangeVerdict.WithinNoise, Figure(Better.Lower, 10, 10.5, new Interval(9.9, 10.1), new Interval(10.4, 10.6)).Verdict);
    }

    [Fact]
    public void From_zero_any_change_exceeds_the_threshold_and_has_no_relative_change()
    {
        var figure = Figure(Better.Lower, 0, 5, new Interval(0, 1), new Interval(2, 9));

        Assert.Null(figure.RelativeChange);
        Assert.Equal(5, figure.AbsoluteChange);
        Assert.Equal(ChangeVerdict.Regression, figure.Verdict);
        Assert.Equal("from 0", ComparisonFormat.Relative(figure));
    }

    [Fact]
    public void A_figure_missing_from_one_run_is_not_comparable()
    {
        Assert.Equal(ChangeVerdict.NotComparable, Figure(Better.Lower, null, 5).Verdict);
        Assert.Equal(ChangeVerdict.NotComparable, Figure(Better.Lower, 5, null).Verdict);
    }

    [Fact]
    public void Changes_are_shown_signed_with_their_unit()
    {
        var figure = Figure(Better.Lower, 2, 2.5);

        Assert.Equal("+0.5 ms", ComparisonFormat.Change(figure));
        Assert.Equal("+25.0%", ComparisonFormat.Relative(figure));
        Assert.Equal("-0.5 ms", ComparisonFormat.Change(Figure(Better.Lower, 2.5, 2)));
        Assert.Equal("-20.0%", ComparisonFormat.Relative(Figure(Better.Lower, 2.5, 2)));
    }

    [Theory]
    [InlineData(0.289, 0.408, "WithinNoise")] // +41% and beyond the intervals, but 0.12 ms: the machine, not the service
    [InlineData(0.5, 1.6, "Regression")] // 1.1 ms: counts
    public void A_latency_change_below_the_floor_is_within_noise_however_large_relative(double before, double after, string expected)
    {
        var figure = Figure(Better.Lower, before, after, new Interval(before * 0.95, before * 1.05), new Interval(after * 0.95, after * 1.05)) with
        {
            MinimumChange = RunComparison.LatencyFloorMs,
        };

        Assert.Equal(Enum.Parse<ChangeVerdict>(expected), figure.Verdict);
    }
}
