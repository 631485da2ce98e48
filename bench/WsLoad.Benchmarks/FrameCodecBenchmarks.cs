using BenchmarkDotNet.Attributes;
using WsLoad.Connections;

namespace WsLoad.Benchmarks;

/// <summary>
/// The frame codec per message: encoding a masked client frame (header + masked copy of the payload), and decoding
/// one (header parse + unmasking into a buffer, as a server does; header parse alone, as our client does for the
/// server's unmasked frames).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FrameCodecBenchmarks
{
    private const uint MaskKey = 0x9E3779B9;
    private byte[] _payload = [];
    private byte[] _encoded = [];
    private byte[] _maskedFrame = [];
    private byte[] _unmaskedFrame = [];
    private byte[] _unmasked = [];

    [Params(100, 4096)]
    public int PayloadBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[PayloadBytes];
        new Random(1).NextBytes(_payload);
        var maxFrame = WsFrameDecoder.MaxHeaderLength + PayloadBytes;
        _encoded = new byte[maxFrame];
        _unmasked = new byte[PayloadBytes];
        _maskedFrame = new byte[maxFrame];
        var masked = WsFrameEncoder.WriteFrame(_maskedFrame, WsOpcode.Binary, fin: true, _payload, masked: true, MaskKey);
        _maskedFrame = _maskedFrame[..masked];
        _unmaskedFrame = new byte[maxFrame];
        var plain = WsFrameEncoder.WriteFrame(_unmaskedFrame, WsOpcode.Binary, fin: true, _payload, masked: false, 0);
        _unmaskedFrame = _unmaskedFrame[..plain];
        if (DecodeMaskedAndUnmask() != PayloadBytes || !_unmasked.AsSpan().SequenceEqual(_payload) || DecodeUnmasked() != PayloadBytes)
        {
            throw new InvalidOperationException("the codec does not round-trip: the benchmark would measure nothing useful");
        }
    }

    [Benchmark(Description = "WriteFrame (masked)")]
    public int EncodeMasked() =>
        WsFrameEncoder.WriteFrame(_encoded, WsOpcode.Binary, fin: true, _payload, masked: true, MaskKey);

    [Benchmark(Description = "TryReadHeader + unmask (server side)")]
    public int DecodeMaskedAndUnmask()
    {
        var status = WsFrameDecoder.TryReadHeader(_maskedFrame, expectMasked: true, out var header, out _);
        if (status != WsDecodeStatus.Ok)
        {
            return -1;
        }

        var payload = _maskedFrame.AsSpan(header.HeaderLength, (int)header.PayloadLength);
        WsMask.CopyMasked(payload, _unmasked, header.MaskKey);
        return payload.Length;
    }

    [Benchmark(Description = "TryReadHeader (client side, unmasked)")]
    public int DecodeUnmasked()
    {
        var status = WsFrameDecoder.TryReadHeader(_unmaskedFrame, expectMasked: false, out var header, out _);
        return status == WsDecodeStatus.Ok ? (int)header.PayloadLength : -1;
    }
}
