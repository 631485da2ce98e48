using BenchmarkDotNet.Attributes;
using WsLoad.Messages;

namespace WsLoad.Benchmarks;

/// <summary>Stamping a message as the send loop does (<see cref="PayloadWriter.Write"/>) and checking an echo's stamp (<see cref="StampCodec.TryRead"/>).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PayloadBenchmarks
{
    private PayloadWriter _writer = null!;
    private byte[] _destination = [];
    private byte[] _message = [];
    private MessageStamp _stamp;
    private StampContext _context;

    /// <summary>text: generated 100-byte JSON; binary: generated 100 bytes; template: a JSON template with the stamp and two numbers.</summary>
    [Params("text", "binary", "template")]
    public string Kind { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        _writer = new PayloadWriter(BenchmarkMessages.Type(Kind), 0);
        _destination = new byte[_writer.MaxLength];
        _stamp = new MessageStamp(42, 1_000_001, 123_456_789, 123_456_999, 0);
        _context = new StampContext(42, 1_000_001, 123_556_999); // the answer 100 µs after the send
        var length = Write();
        _message = _destination[..length];
        if (!StampCodec.TryRead(_message, _context, out var read, out var intact) || !intact || read != _stamp)
        {
            throw new InvalidOperationException($"the {Kind} message does not carry an intact stamp");
        }
    }

    [Benchmark(Description = "PayloadWriter.Write")]
    public int Write() => _writer.Write(_destination, _stamp, 0.5, 1_790_000_000_000, 12345);

    [Benchmark(Description = "StampCodec.TryRead")]
    public bool TryRead() => StampCodec.TryRead(_message, _context, out _, out var intact) && intact;
}
