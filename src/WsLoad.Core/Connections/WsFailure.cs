using System.Net.Sockets;

namespace WsLoad.Connections;

/// <summary>The class of a connect or connection failure; <see cref="WsFailureNames.ToName"/> gives the name used in results.</summary>
internal enum WsFailure
{
    Other,
    Dns,
    Refused,
    Timeout,
    Reset,
    Tls,
    UpgradeRejected,
    Protocol,
    AddressInUse,
    TooManyFiles,
}

internal static class WsFailureNames
{
    /// <summary>The stable name for results and reports: <c>dns</c>, <c>refused</c>, <c>upgrade-rejected</c>...</summary>
    public static string ToName(this WsFailure failure) => failure switch
    {
        WsFailure.Dns => "dns",
        WsFailure.Refused => "refused",
        WsFailure.Timeout => "timeout",
        WsFailure.Reset => "reset",
        WsFailure.Tls => "tls",
        WsFailure.UpgradeRejected => "upgrade-rejected",
        WsFailure.Protocol => "protocol",
        WsFailure.AddressInUse => "address-in-use",
        WsFailure.TooManyFiles => "too-many-files",
        _ => "other",
    };

    /// <summary>Classifies a socket error code (EADDRNOTAVAIL and EADDRINUSE both mean the source address/port ran out).</summary>
    public static WsFailure FromSocketError(SocketError error) => error switch
    {
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain or SocketError.NoRecovery => WsFailure.Dns,
        SocketError.ConnectionRefused => WsFailure.Refused,
        SocketError.TimedOut => WsFailure.Timeout,
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown
            or SocketError.NetworkReset or SocketError.NotConnected or SocketError.OperationAborted => WsFailure.Reset,
        SocketError.AddressNotAvailable or SocketError.AddressAlreadyInUse => WsFailure.AddressInUse,
        SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable => WsFailure.TooManyFiles,
        _ => WsFailure.Other,
    };

    /// <summary>Classifies an exception from a read or write on an established connection.</summary>
    public static WsFailure FromException(Exception exception) => exception switch
    {
        SocketException socket => FromSocketError(socket.SocketErrorCode),
        IOException { InnerException: SocketException socket } => FromSocketError(socket.SocketErrorCode),
        WsProtocolException => WsFailure.Protocol,
        System.Security.Authentication.AuthenticationException => WsFailure.Tls,
        IOException or ObjectDisposedException => WsFailure.Reset,
        _ => WsFailure.Other,
    };
}
