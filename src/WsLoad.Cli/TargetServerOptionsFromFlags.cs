using WsLoad.Server;

namespace WsLoad.Cli;

/// <summary>The flags of <c>wsload serve</c>, typed.</summary>
internal sealed record ServeFlags
{
    public string Host { get; init; } = "127.0.0.1";

    public int Port { get; init; }

    public string Path { get; init; } = "/ws";

    public ServerMode Mode { get; init; } = ServerMode.Echo;
}

/// <summary>
/// The one place where <c>wsload serve</c> flags become <see cref="TargetServerOptions"/>; when the server gains an
/// option (push rate, faults), its flag is added to <see cref="ServeFlags"/>, ServeCommand and here.
/// </summary>
internal static class TargetServerOptionsFromFlags
{
    public static TargetServerOptions Map(ServeFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return new TargetServerOptions
        {
            Host = flags.Host,
            Port = flags.Port,
            Path = flags.Path.StartsWith('/') ? flags.Path : "/" + flags.Path,
            Mode = flags.Mode,
        };
    }
}
