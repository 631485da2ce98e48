namespace WsLoad.Workers;

/// <summary>A worker frame that cannot be read: another protocol or version, a truncated frame, or a body that is not a message.</summary>
public sealed class WorkerProtocolException : Exception
{
    public WorkerProtocolException(string message)
        : base(message)
    {
    }

    public WorkerProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WorkerProtocolException()
        : base("unreadable worker frame")
    {
    }
}
