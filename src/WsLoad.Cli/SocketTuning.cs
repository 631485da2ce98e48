namespace WsLoad.Cli;

/// <summary>
/// How the client's sockets are serviced, set before anything else runs because the runtime reads both variables once,
/// when the first socket is made. Each is left as it is when the user set it, and neither applies to <c>serve</c>.
/// <list type="bullet">
/// <item><see cref="InlineCompletions"/>: socket completions run on the socket engine's own threads instead of being
/// queued one by one to the thread pool. For a load generator whose completions only parse a frame, record a latency
/// and maybe send the next message, the queue hop is most of the cost: measured with bench/demo-load.sh (10,000
/// connections × 1 msg/s), client CPU in the hold fell from 53% to 19% of one core (26.5 → 9.4 µs per message).</item>
/// <item><see cref="EngineThreads"/>: one engine thread (one epoll loop) per two cores instead of the runtime's one
/// per core in inline mode. With fewer loops, each wake-up collects more ready sockets, so the generator pays fewer
/// context switches per message. Together with the thread pool's spin limit (see WsLoad.Cli.csproj), measured against
/// the Node <c>ws</c> echo server (bench/node-echo-ab.sh, 10,000 × 1 msg/s, results in
/// bench/results/*-node-echo-ab-spin-and-engines): 43.4 µs of process CPU per message against 51.6 (median of 3
/// interleaved pairs), the ramp's 10,000 connects 3.6 s of CPU against 5.2, with no change in the response times.</item>
/// </list>
/// The embedded server keeps the runtime's defaults (Kestrel schedules its own work), so <see cref="DemoServerProcess"/>
/// clears both for its child unless the user set them.
/// </summary>
internal static class SocketTuning
{
    public const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    public const string EngineThreads = "DOTNET_SYSTEM_NET_SOCKETS_THREAD_COUNT";

    /// <summary>True when the user set the inline-completions variable themselves (then it is passed on as they set it).</summary>
    public static bool SetByUser { get; private set; }

    /// <summary>True when the user set the engine thread count themselves.</summary>
    public static bool EngineThreadsSetByUser { get; private set; }

    /// <summary>The engine thread count the client uses when the user did not choose one: one per two cores.</summary>
    public static int DefaultEngineThreads => Math.Max(1, Environment.ProcessorCount / 2);

    public static void Apply(string[] args)
    {
        SetByUser = Environment.GetEnvironmentVariable(InlineCompletions) is not null;
        EngineThreadsSetByUser = Environment.GetEnvironmentVariable(EngineThreads) is not null;
        var serving = args.Length > 0 && args[0] == "serve";
        if (serving)
        {
            return;
        }

        if (!SetByUser)
        {
            Environment.SetEnvironmentVariable(InlineCompletions, "1");
        }

        if (!EngineThreadsSetByUser)
        {
            Environment.SetEnvironmentVariable(EngineThreads, DefaultEngineThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
