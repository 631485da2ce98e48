namespace WsLoad.Server;

/// <summary>The embedded WebSocket target server (Kestrel).</summary>
public sealed class TargetServer : IAsyncDisposable
{
    private TargetServer()
    {
    }

    /// <summary>The bound TCP port (useful when started on port 0).</summary>
    public int Port { get; private set; }

    /// <summary>The ws:// URL clients connect to.</summary>
    public Uri WebSocketUrl { get; private set; } = new("ws://127.0.0.1/");

    public static Task<TargetServer> StartAsync(TargetServerOptions options, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException(options?.ToString() + cancellationToken.IsCancellationRequested + new TargetServer().Port);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed record TargetServerOptions
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; }

    public string Path { get; init; } = "/ws";

    public ServerMode Mode { get; init; } = ServerMode.Echo;
}

public enum ServerMode
{
    Echo,
    Broadcast,
    Push,
}
