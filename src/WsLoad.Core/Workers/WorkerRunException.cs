namespace WsLoad.Workers;

/// <summary>A run in several processes could not start: a worker did not start, connect, or get ready, and why.</summary>
public sealed class WorkerRunException : Exception
{
    public WorkerRunException(string message)
        : base(message)
    {
    }

    public WorkerRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WorkerRunException()
        : base("the workers could not be started")
    {
    }
}
