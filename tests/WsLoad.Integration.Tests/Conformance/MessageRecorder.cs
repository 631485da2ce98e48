using System.Threading.Channels;
using WsLoad.Connections;

namespace WsLoad.Tests.Conformance;

/// <summary>An <see cref="IWsConnectionHandler"/> that keeps a copy of every message and the close report, for assertions.</summary>
internal sealed class MessageRecorder : IWsConnectionHandler
{
    private readonly Channel<(byte[] Payload, bool IsText)> _messages = Channel.CreateUnbounded<(byte[], bool)>();
    private readonly TaskCompletionSource<WsCloseInfo> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<WsCloseInfo> Closed => _closed.Task;

    public void OnMessage(WsClientConnection connection, ReadOnlySpan<byte> payload, bool isText, long receivedTimestamp) =>
        _messages.Writer.TryWrite((payload.ToArray(), isText));

    public void OnClosed(WsClientConnection connection, WsCloseInfo info)
    {
        _messages.Writer.TryComplete();
        _closed.TrySetResult(info);
    }

    public async Task<(byte[] Payload, bool IsText)> NextMessageAsync(CancellationToken cancellationToken) =>
        await _messages.Reader.ReadAsync(cancellationToken);
}
