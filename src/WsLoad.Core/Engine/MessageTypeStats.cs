using WsLoad.Metrics;

namespace WsLoad.Engine;

/// <summary>Counters and latencies of one message type. Thread-safe.</summary>
internal sealed class MessageTypeStats(string name)
{
    private long _sent;
    private long _received;
    private long _bytes;

    public string Name { get; } = name;

    public LatencyRecorder Rtt { get; } = new();

    public long Sent => Volatile.Read(ref _sent);

    public long Received => Volatile.Read(ref _received);

    public long Bytes => Volatile.Read(ref _bytes);

    public void RecordSent(int bytes)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _bytes, bytes);
    }

    public void RecordReceived() => Interlocked.Increment(ref _received);
}
