using System.Buffers;
using BenchmarkDotNet.Attributes;
using WsLoad.Connections;
using WsLoad.Messages;

namespace WsLoad.Benchmarks;

/// <summary>
/// The per-message work of the send loop without the socket: pick the type, rent a buffer, stamp and write the
/// message, frame and mask it into a second rented buffer (what <c>WsClientConnection.SendAsync</c> does before its
/// write), count it, return both buffers. Mirrors <c>SendLoop.Send</c> and <c>WriteFrameAsync</c> step by step.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SendPathBenchmarks
{
    private readonly Random _random = new(3);
    private TrafficFixture _fixture = null!;
    private uint _maskKey = 0x9E3779B9;

    [Params("text", "binary", "template")]
    public string Kind { get; set; } = "text";

    [GlobalSetup]
    public void Setup() => _fixture = new TrafficFixture(Kind);

    [Benchmark(Description = "stamp + frame one message (pooled buffers)")]
    public int StampAndFrame()
    {
        var traffic = _fixture.Traffic;
        var session = _fixture.Session;
        var time = TimeProvider.System;
        var writer = traffic.PickWriter(_random.NextDouble());
        var buffer = ArrayPool<byte>.Shared.Rent(writer.MaxLength);
        var now = time.GetTimestamp();
        var stamp = new MessageStamp(session.Id, ++session.LastSequence, now, now, writer.TypeIndex);
        var length = writer.Write(buffer, stamp, _random.NextDouble(), time.GetUtcNow().ToUnixTimeMilliseconds(), (uint)_random.Next());

        var frameLength = WsFrameEncoder.GetHeaderLength(length, masked: true) + length;
        var frame = ArrayPool<byte>.Shared.Rent(frameLength);
        _maskKey = (_maskKey * 1_664_525) + 1_013_904_223;
        var written = WsFrameEncoder.WriteFrame(frame, writer.IsText ? WsOpcode.Text : WsOpcode.Binary, fin: true, buffer.AsSpan(0, length), masked: true, _maskKey);
        ArrayPool<byte>.Shared.Return(frame);

        traffic.RecordSent(writer.TypeIndex, length);
        ArrayPool<byte>.Shared.Return(buffer);
        return written;
    }
}
