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
        var a = LatencyRecorder.NewHistogram();
        var b = LatencyRecorder.NewHistogram();
        for (var i = 1; i < 10_000; i++)
        {
            a.RecordValue(i);
            b.RecordValue(i * 7);
        }

        var decodedA = HistogramCodec.Decode(HistogramCodec.Encode(a));
        var decodedB = HistogramCodec.Decode(HistogramCodec.Encode(b));
        Assert.Equal(a.TotalCount, decodedA.TotalCount);
        Assert.Equal(a.GetValueAtPercentile(99.9), decodedA.GetValueAtPercentile(99.9));

        var merged = LatencyRecorder.NewHistogram();
        merged.Add(a);
        merged.Add(b);
        var mergedDecoded = LatencyRecorder.NewHistogram();
        mergedDecoded.Add(decodedA);
        mergedDecoded.Add(decodedB);
        Assert.Equal(merged.GetValueAtPercentile(99), mergedDecoded.GetValueAtPercentile(99));
        Assert.Equal(merged.TotalCount, mergedDecoded.TotalCount);
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
}
