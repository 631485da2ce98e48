using HdrHistogram;
using WsLoad.Metrics;

namespace WsLoad.Tests.Metrics;

public class LatencyRecorderTests
{
    [Fact]
    public void Intervals_hold_only_their_own_values()
    {
        var recorder = new LatencyRecorder();
        for (var i = 1; i <= 1000; i++)
        {
            recorder.Record(i * 1000);
        }

        var first = recorder.TakeInterval();
        Assert.Equal(1000, first.TotalCount);
        Assert.InRange(first.GetValueAtPercentile(50), 499_000, 501_000);

        recorder.Record(5_000_000);
        var second = recorder.TakeInterval();
        Assert.Equal(1, second.TotalCount);
        Assert.InRange(second.GetMaxValue(), 4_995_000, 5_005_000);
    }

    [Fact]
    public void Interval_buckets_are_those_of_a_run_histogram_across_the_whole_range()
    {
        var recorder = new LatencyRecorder();
        var reference = LatencyRecorder.NewHistogram();
        var random = new Random(12);
        foreach (var value in Enumerable.Range(0, 20_000).Select(_ => (long)Math.Pow(10, random.NextDouble() * 9.6)).Append(0).Append(LatencyRecorder.HighestTrackableMicros * 2))
        {
            recorder.Record(value);
            reference.RecordValue(Math.Clamp(value, 0, LatencyRecorder.HighestTrackableMicros));
        }

        var interval = HistogramCounts.From(recorder.TakeInterval());

        Assert.Equal(HistogramCounts.From(reference).Values.ToArray(), interval.Values.ToArray());
        Assert.Equal(HistogramCounts.From(reference).Counts.ToArray(), interval.Counts.ToArray());
    }

    [Fact]
    public void A_recorder_that_never_records_gives_empty_intervals()
    {
        var recorder = new LatencyRecorder();

        Assert.Equal(0, recorder.TakeInterval().TotalCount);
        recorder.Record(10);
        Assert.Equal(1, recorder.TakeInterval().TotalCount);
        Assert.Equal(0, recorder.TakeInterval().TotalCount);
    }

    [Fact]
    public async Task Recording_from_many_threads_loses_nothing()
    {
        var recorder = new LatencyRecorder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var writers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                recorder.Record(i % 1000);
            }
        }, cts.Token)).ToArray();

        long taken = 0;
        while (!writers.All(w => w.IsCompleted))
        {
            taken += recorder.TakeInterval().TotalCount;
            await Task.Yield();
        }

        await Task.WhenAll(writers);
        taken += recorder.TakeInterval().TotalCount;
        Assert.Equal(400_000, taken);
    }

    [Fact]
    public void An_encoded_histogram_decodes_to_the_same_counts_and_merges_exactly()
    {
        // Two shards' samples, overlapping in range, with repeats (the second shard records every value twice).
        var samplesA = Enumerable.Range(1, 9_999).Select(i => (long)i).ToList();
        var samplesB = Enumerable.Range(1, 9_999).SelectMany(i => new[] { i * 7L, i * 7L }).ToList();
        var a = LatencyRecorder.NewHistogram();
        var b = LatencyRecorder.NewHistogram();
        samplesA.ForEach(a.RecordValue);
        samplesB.ForEach(b.RecordValue);

        var decodedA = HistogramCodec.Decode(HistogramCodec.Encode(a));
        var decodedB = HistogramCodec.Decode(HistogramCodec.Encode(b));
        Assert.Equal(Buckets(a), Buckets(decodedA));
        Assert.Equal(Buckets(b), Buckets(decodedB));

        // The merge of the decoded shards against an independent expected value: one histogram that recorded the union
        // of the samples itself. Every bucket, so every percentile, must be the same.
        var merged = LatencyRecorder.NewHistogram();
        merged.Add(decodedA);
        merged.Add(decodedB);
        var union = LatencyRecorder.NewHistogram();
        samplesA.Concat(samplesB).ToList().ForEach(union.RecordValue);
        Assert.Equal(samplesA.Count + samplesB.Count, merged.TotalCount);
        Assert.Equal(Buckets(union), Buckets(merged));

        // And its percentiles are those of the sorted samples (the sample of rank p% of n, rounded, as HDR ranks them),
        // to HDR's 3 significant digits.
        var sorted = samplesA.Concat(samplesB).Order().ToArray();
        foreach (var percentile in new[] { 50.0, 90, 99, 99.9 })
        {
            var rank = Math.Max(1, (long)((percentile / 100 * sorted.Length) + 0.5));
            var exact = sorted[rank - 1];
            Assert.True(merged.LowestEquivalentValue(exact) == merged.LowestEquivalentValue(merged.GetValueAtPercentile(percentile)), $"p{percentile}: exact {exact}, merged {merged.GetValueAtPercentile(percentile)}");
        }
    }

    [Fact]
    public void Summaries_are_in_milliseconds_and_empty_histograms_have_none()
    {
        var histogram = LatencyRecorder.NewHistogram();
        Assert.Null(LatencyStatistics.Summarize(histogram));

        histogram.RecordValue(25_000);
        var summary = LatencyStatistics.Summarize(histogram)!;
        Assert.InRange(summary.P50, 24.9, 25.1);
        Assert.InRange(summary.Max, 24.9, 25.1);
        Assert.Equal(1, summary.Count);
    }

    /// <summary>What a histogram holds: each non-empty bucket's value and count.</summary>
    private static List<(long Value, long Count)> Buckets(HistogramBase histogram) =>
        histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList();
}
