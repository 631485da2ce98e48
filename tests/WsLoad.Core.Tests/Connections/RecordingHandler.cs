using System.Threading.Channels;
using WsLoad.Connections;

namespace WsLoad.Tests.Connections;

/// <summary>Records messages (copied) and the close report for assertions.</summary>
internal sealed class RecordingHandler : IWsConnectionHandler
{
    private readonly Channel<(byte[] Payload, bool IsText)> _messages = Channel.CreateUnbounded<(byte[], bool)>();
    private readonly TaskCompletionSource<WsCloseInfo> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _closedCalls;

    public Func<ReadOnlyMemory<byte>, bool>? ThrowWhen { get; init; }

    public Task<WsCloseInfo> Closed => _closed.Task;

    public int ClosedCalls => Volatile.Read(ref _closedCalls);

    public void OnMessage(WsClientConnection connection, ReadOnlySpan<byte> payload, bool isText, long receivedTimestamp)
    {
        Assert.True(receivedTimestamp > 0);
        var copy = payload.ToArray();
        if (ThrowWhen?.Invoke(copy) == true)
        {
            throw new InvalidOperationException("handler failure");
        }

        _messages.Writer.TryWrite((copy, isText));
    }

    public void OnClosed(WsClientConnection connection, WsCloseInfo info)
    {
        Interlocked.Increment(ref _closedCalls);
        _closed.TrySetResult(info);
    }

    public async Task<(byte[] Payload, bool IsText)> NextMessageAsync(CancellationToken ct) =>
        await _messages.Reader.ReadAsync(ct);
}
