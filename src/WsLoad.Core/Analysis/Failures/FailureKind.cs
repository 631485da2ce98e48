namespace WsLoad.Analysis.Failures;

/// <summary>
/// What kind of failure an error class is. Every class the engine writes to run.json maps to exactly one kind
/// (see <see cref="FailureTaxonomy"/>); a class no rule knows is <see cref="Unknown"/>.
/// </summary>
public enum FailureKind
{
    /// <summary>No rule knows the class, or the engine itself could not tell (<c>connect-other</c>).</summary>
    Unknown,

    /// <summary>Nothing accepted the TCP connection (ECONNREFUSED).</summary>
    ConnectRefused,

    /// <summary>The connection was reset or aborted (during the connect, the upgrade or later).</summary>
    ConnectionReset,

    /// <summary>The connect or the upgrade did not finish in time (the class does not say which phase; the failure events' messages do).</summary>
    ConnectTimeout,

    /// <summary>An established connection timed out (no close frame in time, or a TCP timeout).</summary>
    ConnectionTimeout,

    /// <summary>Replies that came later than the message timeout (from the summary's <c>late</c> count).</summary>
    MessageTimeout,

    Dns,

    Tls,

    /// <summary>The upgrade was answered with an HTTP status other than 101 (the status is kept per class).</summary>
    UpgradeRejected,

    /// <summary>Closed by the peer with 1001 (going away).</summary>
    ClosedGoingAway,

    /// <summary>Ended without a close frame (1006) and without a more specific error.</summary>
    ClosedAbnormally,

    /// <summary>Closed with 1008 (policy violation).</summary>
    ClosedPolicyViolation,

    /// <summary>Closed with 1009 (message too big).</summary>
    ClosedMessageTooBig,

    /// <summary>Closed with 1011 (server error).</summary>
    ClosedServerError,

    /// <summary>Closed with 1013 (try again later: the server is overloaded).</summary>
    ClosedTryAgainLater,

    /// <summary>Closed unasked-for with any other code (1000, 1012, 4xxx...; the code is kept per class).</summary>
    ClosedOtherCode,

    /// <summary>A WebSocket or HTTP protocol violation, seen by us or reported by the peer (1002, 1007).</summary>
    ProtocolError,

    /// <summary>A send on an open connection failed.</summary>
    SendFailed,

    /// <summary>A reply arrived damaged or without a valid stamp.</summary>
    Integrity,

    /// <summary>Replies duplicated or out of order (from the summary's counts).</summary>
    Order,

    /// <summary>Messages never answered.</summary>
    Loss,

    /// <summary>The generator ran out of file descriptors or socket buffers (EMFILE, ENOBUFS).</summary>
    FileDescriptorExhaustion,

    /// <summary>The generator ran out of source ports or addresses (EADDRNOTAVAIL, EADDRINUSE).</summary>
    PortExhaustion,

    /// <summary>Intervals in which the generator could not keep up (from <c>generatorHealth</c>).</summary>
    GeneratorSaturation,

    /// <summary>A part of the generator failed (a live observer threw).</summary>
    GeneratorError,

    /// <summary>A fault the scenario told the generator to inject (<c>clientFaults</c>), e.g. a drop: a cause, not a failure of the target.</summary>
    InjectedClientFault,
}
