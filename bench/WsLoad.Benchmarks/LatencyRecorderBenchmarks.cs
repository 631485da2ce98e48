using BenchmarkDotNet.Attributes;
using WsLoad.Metrics;

namespace WsLoad.Benchmarks;

/// <summary>Recording one latency into the striped HDR histograms (done twice per echo: service and response time, plus the type's).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class LatencyRecorderBenchmarks
{
    private const int ValueCount = 1024;
    private readonly LatencyRecorder _recorder = new();
    private readonly long[] _values = new long[ValueCount];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        // Log-normal-ish spread from ~100 µs to ~100 ms, so values land in many buckets as in a real run.
        var random = new Random(7);
        for (var i = 0; i < ValueCount; i++)
        {
            _values[i] = (long)Math.Exp(4.6 + (random.NextDouble() * 6.9));
        }
    }

    [Benchmark(Description = "LatencyRecorder.Record")]
    public void Record() => _recorder.Record(_values[_next++ & (ValueCount - 1)]);
}
