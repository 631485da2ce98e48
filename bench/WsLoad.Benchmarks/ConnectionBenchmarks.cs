using BenchmarkDotNet.Attributes;
using WsLoad.Connections;

namespace WsLoad.Benchmarks;

/// <summary>
/// The real connection driver per message, with an in-memory peer instead of a socket (<see cref="ScriptedPeerStream"/>):
/// <c>WsClientConnection.SendAsync</c> of a stamped message (gate, mask key, pooled frame buffer, write), and one
/// server frame going through the receive loop (read, decode, deliver) into a handler that does what the engine's
/// does with an echo (<c>MessageTraffic.OnReceived</c>).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ConnectionBenchmarks : IDisposable
{
    private readonly ScriptedPeerStream _peer = new();
    private TrafficFixture _fixture = null!;
    private EchoHandler _handler = null!;
    private WsClientConnection _connection = null!;
    private byte[] _message = [];
    private byte[] _serverFrame = [];

    [Params("text", "binary")]
    public string Kind { get; set; } = "text";

    [GlobalSetup]
    public void Setup()
    {
        _fixture = new TrafficFixture(Kind);
        _handler = new EchoHandler(_fixture);
        _message = _fixture.WriteSentMessage(1);
        _serverFrame = new byte[WsFrameDecoder.MaxHeaderLength + _message.Length];
        var frameLength = WsFrameEncoder.WriteFrame(
            _serverFrame, Kind == "text" ? WsOpcode.Text : WsOpcode.Binary, fin: true, _message, masked: false, 0);
        _serverFrame = _serverFrame[..frameLength];

        var request = new WsConnectRequest { Url = new Uri("ws://127.0.0.1:9/") };
        _connection = WsClientConnection.ConnectOverStreamAsync(_peer, request, _handler, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (!SpinWait.SpinUntil(() => _peer.IsReaderWaiting, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("the receive loop never started reading");
        }

        Receive();
        if (_handler.Messages != 1 || Send() != _message.Length)
        {
            throw new InvalidOperationException("the scripted peer does not work: the benchmark would measure nothing useful");
        }

        _fixture.AssertAllCorrelated();
    }

    [Benchmark(Description = "WsClientConnection.SendAsync (in-memory peer)")]
    public int Send()
    {
        var sending = _connection.SendAsync(_message, Kind == "text", CancellationToken.None);
        if (!sending.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("an in-memory write completes synchronously");
        }

        return _message.Length;
    }

    [Benchmark(Description = "receive loop + OnReceived (in-memory peer)")]
    public void Receive()
    {
        var session = _fixture.Session;
        session.HighestSequenceSeen = 0;
        session.SeenWindow = 0;
        _peer.Feed(_serverFrame); // the receive loop runs inline and is back in its next read when this returns
        if (!_peer.IsReaderWaiting)
        {
            throw new InvalidOperationException("the receive loop did not handle the frame inline");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _fixture.AssertAllCorrelated();
        _connection.Abort();
    }

    public void Dispose()
    {
        _peer.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the engine's handler does with a message (LoadTestRun.OnMessage), minus the first-message timing.</summary>
    private sealed class EchoHandler(TrafficFixture fixture) : IWsConnectionHandler
    {
        public long Messages { get; private set; }

        public void OnMessage(WsClientConnection connection, ReadOnlySpan<byte> payload, bool isText, long receivedTimestamp)
        {
            Messages++;
            fixture.Traffic.OnReceived(fixture.Session, payload);
        }

        public void OnClosed(WsClientConnection connection, WsCloseInfo info)
        {
        }
    }
}
