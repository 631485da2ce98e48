namespace WsLoad.Network;

/// <summary>Which way through the proxy a toxic acts.</summary>
internal enum ToxicDirection
{
    /// <summary>Both ways.</summary>
    Both,

    /// <summary>Client to server (what the proxy reads from the accepted connection).</summary>
    Upstream,

    /// <summary>Server to client (what the proxy reads from the upstream connection).</summary>
    Downstream,
}
