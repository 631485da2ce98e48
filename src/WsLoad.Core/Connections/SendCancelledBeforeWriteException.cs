namespace WsLoad.Connections;

/// <summary>
/// A message send cancelled while it waited for its turn to write (behind another frame): nothing of it went out. A
/// cancellation during the write itself is a plain <see cref="OperationCanceledException"/> and aborts the connection,
/// since part of the frame may have gone. Callers that count sends tell the two apart: this one was never sent.
/// </summary>
public sealed class SendCancelledBeforeWriteException : OperationCanceledException
{
    public SendCancelledBeforeWriteException(CancellationToken cancellationToken)
        : base("the send was cancelled before any of it was written", cancellationToken)
    {
    }

    public SendCancelledBeforeWriteException()
        : base("the send was cancelled before any of it was written")
    {
    }

    public SendCancelledBeforeWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SendCancelledBeforeWriteException(string message)
        : base(message)
    {
    }
}
