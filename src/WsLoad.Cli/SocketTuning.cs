namespace WsLoad.Cli;

/// <summary>
/// Runs socket completions on the socket engine's own threads instead of queuing each one to the thread pool. For a
/// load generator whose completions only parse a frame, record a latency and maybe send the next message, the queue
/// hop is most of the cost: measured with bench/demo-load.sh (10,000 connections × 1 msg/s), client CPU in the hold
/// fell from 53% to 19% of one core (26.5 → 9.4 µs per message). The runtime reads this variable once, when the first
/// socket is made, so it is set before anything else runs. The embedded server keeps the default (Kestrel schedules
/// its own work), so <see cref="DemoServerProcess"/> clears it for its child unless the user set it.
/// </summary>
internal static class SocketTuning
{
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>True when the user set the variable themselves (then it is passed on as they set it).</summary>
    public static bool SetByUser { get; private set; }

    public static void Apply(string[] args)
    {
        SetByUser = Environment.GetEnvironmentVariable(InlineCompletions) is not null;
        var serving = args.Length > 0 && args[0] == "serve";
        if (!SetByUser && !serving)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }
    }
}
