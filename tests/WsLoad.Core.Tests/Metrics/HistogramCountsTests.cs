using System.Text.Json;
using HdrHistogram;
using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Tests.Metrics;

public class HistogramCountsTests
{
    private static readonly double[] Percentiles = [0, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Buckets_rebuild_a_histogram_with_the_same_percentiles_max_and_mean(int seed)
    {
        var values = RandomLatencies(seed, 20_000);
        var original = Histogram(values);

        var counts = HistogramCounts.From(original);
        var rebuilt = counts.ToHistogram();

        Assert.Equal(original.TotalCount, counts.TotalCount);
        Assert.Equal(original.TotalCount, rebuilt.TotalCount);
        Assert.Equal(original.GetMaxValue(), rebuilt.GetMaxValue());
        Assert.Equal(original.GetMaxValue(), counts.MaxValue);
        Assert.Equal(original.GetMean(), rebuilt.GetMean(), 6);
        foreach (var percentile in Percentiles)
        {
            Assert.Equal(original.GetValueAtPercentile(percentile), rebuilt.GetValueAtPercentile(percentile));
            Assert.Equal(original.GetValueAtPercentile(percentile), counts.ValueAtPercentile(percentile));
        }
    }

    [Fact]
    public void Adding_two_parts_equals_one_histogram_of_all_their_values()
    {
        var a = RandomLatencies(7, 5_000);
        var b = RandomLatencies(8, 7_000).Select(v => v * 3).ToArray();

        var sum = HistogramCounts.From(Histogram(a)).Add(HistogramCounts.From(Histogram(b)));
        var union = HistogramCounts.From(Histogram([.. a, .. b]));

        Assert.Equal(union, sum);
        Assert.Equal(12_000, sum.TotalCount);
    }

    [Fact]
    public void Empty_adds_as_nothing_and_has_no_percentile()
    {
        var some = HistogramCounts.From(Histogram([5, 500, 50_000]));

        Assert.Same(some, some.Add(HistogramCounts.Empty));
        Assert.Same(some, HistogramCounts.Empty.Add(some));
        Assert.Null(HistogramCounts.Empty.ValueAtPercentile(50));
        Assert.Null(HistogramCounts.Empty.MaxValue);
        Assert.Equal(HistogramCounts.Empty, HistogramCounts.From(LatencyRecorder.NewHistogram()));
    }

    [Theory]
    [InlineData(new long[] { 1, 1 }, new long[] { 1, 1 })]
    [InlineData(new long[] { 2, 1 }, new long[] { 1, 1 })]
    [InlineData(new long[] { 1 }, new long[] { 0 })]
    [InlineData(new long[] { 1, 2 }, new long[] { 1 })]
    public void Create_refuses_buckets_that_do_not_ascend_or_count_nothing(long[] values, long[] counts) =>
        Assert.Throws<ArgumentException>(() => HistogramCounts.Create(values, counts));

    [Fact]
    public void Json_round_trip_is_exact_and_compact()
    {
        var counts = HistogramCounts.From(Histogram(RandomLatencies(11, 10_000)));

        var json = JsonSerializer.Serialize(counts, RunResultJson.Options);
        var back = JsonSerializer.Deserialize<HistogramCounts>(json, RunResultJson.Options);

        Assert.Equal(counts, back);
        Assert.True(json.Length < 8 * counts.Values.Length, $"{json.Length} characters for {counts.Values.Length} buckets");
    }

    [Theory]
    [InlineData("\"not base64!\"")]
    [InlineData("\"gA==\"")] // a varint that never ends
    [InlineData("\"AQ==\"")] // a value with no count
    [InlineData("\"AQABAA==\"")] // a count of 0, then a value that does not ascend
    [InlineData("42")]
    public void Json_that_is_not_buckets_is_refused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HistogramCounts>(json, RunResultJson.Options));

    internal static long[] RandomLatencies(int seed, int count)
    {
        var random = new Random(seed);

        // Mostly around a millisecond, with a long tail up to seconds: the shape real round trips have.
        return [.. Enumerable.Range(0, count).Select(_ => (long)Math.Exp(random.NextDouble() * random.NextDouble() * 15) + random.Next(50, 900))];
    }

    internal static LongHistogram Histogram(IEnumerable<long> values)
    {
        var histogram = LatencyRecorder.NewHistogram();
        foreach (var value in values)
        {
            histogram.RecordValue(value);
        }

        return histogram;
    }
}
