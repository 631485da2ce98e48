namespace WsLoad.Cli;

/// <summary>
/// The target server when it runs on this machine: its process (CPU and memory from /proc) and, when it is a WsLoad
/// server, its /stats URL (its garbage-collection pauses). Both null for a server elsewhere.
/// </summary>
internal sealed record ServerToWatch(int? ProcessId, Uri? StatsUrl)
{
    public static ServerToWatch None { get; } = new(null, null);

    /// <summary>A WsLoad server listening at <paramref name="webSocketUrl"/>: its /stats is on the same host and port.</summary>
    public static ServerToWatch WsLoadServer(int processId, Uri webSocketUrl) =>
        new(processId, new UriBuilder(webSocketUrl) { Scheme = webSocketUrl.Scheme == "wss" ? "https" : "http", Path = "/stats", Query = "" }.Uri);
}
