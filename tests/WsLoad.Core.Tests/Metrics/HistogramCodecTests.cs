using HdrHistogram;
using WsLoad.Metrics;

namespace WsLoad.Tests.Metrics;

public sealed class HistogramCodecTests
{
    /// <summary>
    /// A wide spread of values compresses to more than the HDR library's own decoder reads in one go: the 200,000-connection
    /// scale run's rtt, response and connect histograms could not be read back, and its reports failed.
    /// </summary>
    [Theory]
    [InlineData(1_000)]
    [InlineData(200_000)]
    [InlineData(2_000_000)]
    public void A_histogram_of_any_spread_round_trips_through_its_run_json_form(int samples)
    {
        var random = new Random(samples);
        var histogram = new LongHistogram(1, 3_600_000_000L, 3);
        for (var i = 0; i < samples; i++)
        {
            histogram.RecordValue((long)Math.Exp(random.NextDouble() * 20)); // 1 µs to about 8 minutes
        }

        var back = HistogramCodec.Decode(HistogramCodec.Encode(histogram));

        Assert.Equal(histogram.TotalCount, back.TotalCount);
        Assert.Equal(HistogramCounts.From(histogram), HistogramCounts.From(back));
    }

    [Fact]
    public void Text_that_is_not_a_histogram_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => HistogramCodec.Decode(Convert.ToBase64String([1, 2, 3, 4, 0x7f, 0, 0, 0, 9])));
    }
}
