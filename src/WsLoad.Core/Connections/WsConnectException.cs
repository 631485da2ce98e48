namespace WsLoad.Connections;

/// <summary>A connection attempt failed; <see cref="Failure"/> classifies why, <see cref="HttpStatus"/> is set for rejected upgrades.</summary>
internal sealed class WsConnectException : Exception
{
    public WsConnectException(WsFailure failure, string message, Exception? innerException = null, int? httpStatus = null)
        : base(message, innerException)
    {
        Failure = failure;
        HttpStatus = httpStatus;
    }

    public WsConnectException()
        : this(WsFailure.Other, "connect failed")
    {
    }

    public WsConnectException(string message)
        : this(WsFailure.Other, message)
    {
    }

    public WsConnectException(string message, Exception innerException)
        : this(WsFailure.Other, message, innerException)
    {
    }

    public WsFailure Failure { get; }

    /// <summary>The <see cref="WsFailureNames.ToName"/> of <see cref="Failure"/>, e.g. <c>upgrade-rejected</c>.</summary>
    public string FailureName => Failure.ToName();

    /// <summary>The HTTP status of a rejected upgrade (e.g. 403); null otherwise.</summary>
    public int? HttpStatus { get; }
}
