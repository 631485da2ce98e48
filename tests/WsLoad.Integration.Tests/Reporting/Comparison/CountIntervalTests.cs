using WsLoad.Reporting.Comparison;

namespace WsLoad.Tests.Reporting.Comparison;

/// <summary>Wilson intervals of proportions and score intervals of Poisson counts.</summary>
public sealed class CountIntervalTests
{
    [Theory]
    [InlineData(0, 50, 0, 0.0714)] // no errors in 50 still allows ~7%
    [InlineData(50, 50, 0.9286, 1)]
    [InlineData(500, 1_000, 0.4690, 0.5310)]
    public void Wilson_interval_of_a_proportion(long events, long trials, double low, double high)
    {
        var interval = ProportionInterval.Of(events, trials)!.Value;

        Assert.Equal(low, interval.Low, 0.0005);
        Assert.Equal(high, interval.High, 0.0005);
    }

    [Fact]
    public void One_in_ten_thousand_is_not_treated_as_zero()
    {
        var interval = ProportionInterval.Of(1, 10_000)!.Value;

        Assert.Equal(0.0000177, interval.Low, 0.0000005);
        Assert.Equal(0.000566, interval.High, 0.000001);
    }

    [Fact]
    public void A_proportion_without_trials_has_no_interval()
    {
        Assert.Null(ProportionInterval.Of(0, 0));
    }

    [Theory]
    [InlineData(0, 0, 3.84)]
    [InlineData(100, 82.2, 121.6)]
    public void Score_interval_of_a_poisson_count(long count, double low, double high)
    {
        var interval = PoissonInterval.Of(count);

        Assert.Equal(low, interval.Low, 0.1);
        Assert.Equal(high, interval.High, 0.1);
    }

    [Fact]
    public void A_rate_has_the_relative_interval_of_its_count()
    {
        var interval = PoissonInterval.OfRate(rate: 50, count: 100)!.Value;

        Assert.Equal(41.1, interval.Low, 0.1);
        Assert.Equal(60.8, interval.High, 0.1);
        Assert.Null(PoissonInterval.OfRate(rate: 0, count: 0));
    }

    [Fact]
    public void Intervals_overlap_when_they_share_a_point()
    {
        Assert.True(new Interval(1, 2).Overlaps(new Interval(2, 3)));
        Assert.True(new Interval(1, 4).Overlaps(new Interval(2, 3)));
        Assert.False(new Interval(1, 2).Overlaps(new Interval(2.01, 3)));
    }
}
