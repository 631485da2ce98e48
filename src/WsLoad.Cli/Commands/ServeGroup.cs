using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using WsLoad.Server;

namespace WsLoad.Cli.Commands;

/// <summary>
/// <c>wsload serve --workers N</c>: N server processes on one port (<c>SO_REUSEPORT</c>), past one process's open-file
/// limit (about 19,000 connections here). This process is the group's first: it starts the others with the same flags
/// and the port it bound, and its <c>/stats</c> (which every process forwards to it) adds up all of them. The others
/// are its children: they stop when it does. The hidden options are how it tells them their part.
/// </summary>
internal sealed record ServeGroup(int Workers, bool ReusePort, string? ProcessSocket, string? GroupStatsSocket, IReadOnlyList<string> Arguments)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The server options of this process's part in the group (unchanged for a lone server).</summary>
    public TargetServerOptions Apply(TargetServerOptions options) => Workers > 1
        ? options with { ReusePort = true, ProcessSocketPath = SocketPath(Environment.ProcessId, 0) }
        : options with { ReusePort = ReusePort, ProcessSocketPath = ProcessSocket, GroupStatsSocketPath = GroupStatsSocket };

    /// <summary>Starts the group's other processes on <paramref name="first"/>'s port, and makes it add up their counters.</summary>
    public static async Task<Others> StartOthersAsync(ServeGroup group, TargetServer first, CancellationToken cancellationToken)
    {
        var others = new Others();
        try
        {
            for (var i = 1; i < group.Workers; i++)
            {
                var socket = SocketPath(Environment.ProcessId, i);
                var child = await DemoServerProcess.StartAsync(StartTimeout, cancellationToken,
                [
                    .. group.Arguments,
                    "--port", first.Port.ToString(CultureInfo.InvariantCulture), "--reuse-port",
                    "--process-socket", socket, "--group-stats-socket", first.Options.ProcessSocketPath!,
                ]);
                others.Add(child, socket);
                first.AddGroupPeer(socket);
            }

            return others;
        }
        catch
        {
            await others.DisposeAsync();
            throw;
        }
    }

    private static string SocketPath(int groupProcessId, int index) =>
        Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"wsload-serve-{groupProcessId}-{index}.sock"));

    /// <summary>The group's other processes; disposing stops them and removes their stats sockets.</summary>
    public sealed class Others : IAsyncDisposable
    {
        private readonly List<(DemoServerProcess Process, string Socket)> _processes = [];

        public IReadOnlyList<int> ProcessIds => [.. _processes.Select(p => p.Process.ProcessId)];

        public void Add(DemoServerProcess process, string socket) => _processes.Add((process, socket));

        public async ValueTask DisposeAsync()
        {
            foreach (var (process, socket) in _processes)
            {
                await process.DisposeAsync();
                File.Delete(socket); // killed, it could not remove it itself
            }
        }
    }
}

/// <summary>The options of <see cref="ServeGroup"/>.</summary>
internal sealed class ServeGroupOptions
{
    // What the group's first process does not pass on: its own count, its port (the others get the bound one) and
    // the flags it sets for them.
    private static readonly string[] NotPassedOn = ["--workers", "--port", "-p", "--reuse-port", "--process-socket", "--group-stats-socket", ServeCommand.OwnedByParentFlag];

    public Option<int> Workers { get; } = new("--workers")
    {
        Description = "Run N server processes on one port (SO_REUSEPORT; the kernel spreads connections over them), past one process's "
            + "open-file limit (~19,000 connections here). /stats adds up all of them. Faults act in each process on its own "
            + "connections (--drop-every 10 drops every 10th reply of each), and /admin requests reach one process. Default 1.",
        DefaultValueFactory = _ => 1,
    };

    public Option<bool> ReusePort { get; } = new("--reuse-port") { Hidden = true, Description = "Bind with SO_REUSEPORT (a group's other process)." };

    public Option<string?> ProcessSocket { get; } = new("--process-socket") { Hidden = true, Description = "This process's own stats socket." };

    public Option<string?> GroupStatsSocket { get; } = new("--group-stats-socket") { Hidden = true, Description = "The group's first process's stats socket." };

    public void AddTo(Command command)
    {
        command.Options.Add(Workers);
        command.Options.Add(ReusePort);
        command.Options.Add(ProcessSocket);
        command.Options.Add(GroupStatsSocket);
    }

    public ServeGroup Read(ParseResult parseResult) => new(
        parseResult.GetValue(Workers),
        parseResult.GetValue(ReusePort),
        parseResult.GetValue(ProcessSocket),
        parseResult.GetValue(GroupStatsSocket),
        PassedOn(parseResult.Tokens));

    // The command line's serve flags, as typed, less those above and their values.
    private static List<string> PassedOn(IReadOnlyList<Token> tokens)
    {
        var passed = new List<string>();
        var skipping = false;
        foreach (var token in tokens)
        {
            if (token.Type == TokenType.Command)
            {
                continue;
            }

            if (token.Type == TokenType.Option)
            {
                skipping = NotPassedOn.Contains(token.Value, StringComparer.Ordinal);
                if (skipping)
                {
                    continue;
                }
            }
            else if (skipping)
            {
                continue;
            }

            passed.Add(token.Value);
        }

        return passed;
    }
}
