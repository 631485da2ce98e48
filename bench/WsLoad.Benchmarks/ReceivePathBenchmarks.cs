using BenchmarkDotNet.Attributes;

namespace WsLoad.Benchmarks;

/// <summary>
/// What the engine does with each received echo: <c>MessageTraffic.OnReceived</c> finds and checks the stamp,
/// classifies the sequence, and records service time, response time and the type's rtt.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ReceivePathBenchmarks
{
    private TrafficFixture _fixture = null!;
    private byte[] _echo = [];

    [Params("text", "binary", "template")]
    public string Kind { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new TrafficFixture(Kind);
        _echo = _fixture.WriteSentMessage(1);
        OnReceived();
        _fixture.AssertAllCorrelated();
    }

    [Benchmark(Description = "MessageTraffic.OnReceived (echo)")]
    public void OnReceived()
    {
        // Forget that message 1 was seen, so every call takes the in-order path (not the cheaper duplicate one).
        var session = _fixture.Session;
        session.HighestSequenceSeen = 0;
        session.SeenWindow = 0;
        _fixture.Traffic.OnReceived(session, _echo);
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.AssertAllCorrelated();
}
