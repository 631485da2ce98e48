using System.Threading.Channels;
using Spectre.Console;
using Spectre.Console.Rendering;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Sinks;

namespace WsLoad.Cli.Console;

/// <summary>
/// Shows a run while it goes on: the run's console sink. On a terminal, a Spectre live table redrawn on every
/// snapshot; otherwise (pipe, CI log), one plain line every <see cref="PlainLineEvery"/> of run time. It keeps the
/// running totals (failed, dropped, errors) from the snapshots itself, on the sink's own task.
/// </summary>
internal sealed class LiveView : RunSinkBase
{
    public static readonly TimeSpan PlainLineEvery = TimeSpan.FromSeconds(5);

    private readonly CliConsole _console;
    private readonly Channel<LiveSnapshot> _latest = Channel.CreateBounded<LiveSnapshot>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });

    private readonly TimeSpan _planned;
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private TimeSpan _lastPlainLineAt = TimeSpan.Zero;
    private long _connectsFailed;
    private long _dropped;

    /// <param name="console">Where to show it.</param>
    /// <param name="planned">How long the run is planned to take, shown beside the elapsed time.</param>
    public LiveView(CliConsole console, TimeSpan planned)
    {
        _console = console;
        _planned = planned;
    }

    public override string Name => "console";

    protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
    {
        Show(Fold(snapshot));
        return ValueTask.CompletedTask;
    }

    /// <summary>The live view's line or table for the next interval, with the totals so far.</summary>
    internal LiveSnapshot Fold(IntervalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _connectsFailed += snapshot.Counters.ConnectsFailed;
        _dropped += snapshot.Counters.Dropped;
        foreach (var (failureClass, count) in snapshot.ErrorsByClass)
        {
            _errors[failureClass] = _errors.GetValueOrDefault(failureClass) + count;
        }

        var seconds = Math.Max(0.001, snapshot.EndSeconds - snapshot.StartSeconds);
        // A broadcast has no round trips: its latency is publish to arrival.
        var latencyName = snapshot.Fanout is null ? HistogramNames.Rtt : HistogramNames.Fanout;
        var latency = snapshot.Histogram(latencyName);
        var generator = snapshot.Processes.Select(p => p.Generator).FirstOrDefault(g => g is not null);
        return new LiveSnapshot
        {
            Elapsed = TimeSpan.FromSeconds(snapshot.EndSeconds),
            Planned = _planned,
            Phase = snapshot.Phase.Name(),
            TargetConnections = snapshot.TargetConnections,
            OpenConnections = snapshot.OpenConnections,
            ConnectsFailed = _connectsFailed,
            Dropped = _dropped,
            SentPerSec = snapshot.Counters.Sent / seconds,
            ReceivedPerSec = snapshot.Counters.Received / seconds,
            LatencyName = latencyName,
            RttP50Ms = latency.ValueAtPercentile(50) / 1000.0,
            RttP99Ms = latency.ValueAtPercentile(99) / 1000.0,
            ErrorsByClass = new Dictionary<string, long>(_errors, StringComparer.Ordinal),
            GeneratorCpuPercent = generator?.CpuPercent,
            Saturation = generator?.SaturationReasons ?? [],
        };
    }

    private void Show(LiveSnapshot snapshot)
    {
        if (_console.IsTerminal)
        {
            _latest.Writer.TryWrite(snapshot);
        }
        else if (snapshot.Elapsed - _lastPlainLineAt >= PlainLineEvery)
        {
            _lastPlainLineAt = snapshot.Elapsed;
            _console.Out.WriteLine(PlainLine(snapshot));
            _console.Out.Flush();
        }
    }

    /// <summary>Runs <paramref name="run"/> with the live table on screen (terminal only) until it finishes.</summary>
    public async Task<T> ShowWhileAsync<T>(Func<Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!_console.IsTerminal)
        {
            return await run();
        }

        var running = run();
        _ = running.ContinueWith(_ => _latest.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        await _console.Ansi.Live(new Markup("starting…")).StartAsync(async context =>
        {
            await foreach (var snapshot in _latest.Reader.ReadAllAsync())
            {
                context.UpdateTarget(Table(snapshot));
                context.Refresh();
            }
        });
        return await running;
    }

    public static string PlainLine(LiveSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var line = $"[{Numbers.Clock(s.Elapsed)}/{Numbers.Clock(s.Planned)}] {s.Phase}: "
            + $"{Numbers.Count(s.OpenConnections)}/{Numbers.Count(s.TargetConnections)} open, "
            + $"{Numbers.Count(s.ConnectsFailed)} failed, {Numbers.Count(s.Dropped)} dropped, "
            + $"{Numbers.Rate(s.SentPerSec)} msg/s out, {Numbers.Rate(s.ReceivedPerSec)} msg/s in, "
            + $"{s.LatencyName} p50 {Numbers.Ms(s.RttP50Ms)} ms p99 {Numbers.Ms(s.RttP99Ms)} ms";
        if (s.ErrorsByClass.Count > 0)
        {
            line += $", errors: {Errors(s)}";
        }

        return s.Saturation.Count == 0 ? line : $"{line}, GENERATOR SATURATED ({string.Join("; ", s.Saturation)})";
    }

    public static IRenderable Table(LiveSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap());
        grid.AddColumn();
        grid.AddRow("elapsed", $"{Numbers.Clock(s.Elapsed)} / {Numbers.Clock(s.Planned)}");
        grid.AddRow("phase", Markup.Escape(s.Phase));
        grid.AddRow("connections", $"{Numbers.Count(s.OpenConnections)} open of {Numbers.Count(s.TargetConnections)} target");
        grid.AddRow("failed / dropped", $"{Numbers.Count(s.ConnectsFailed)} / {Numbers.Count(s.Dropped)}");
        grid.AddRow("msg/s out / in", $"{Numbers.Rate(s.SentPerSec)} / {Numbers.Rate(s.ReceivedPerSec)}");
        grid.AddRow($"{s.LatencyName} p50 / p99", $"{Numbers.Ms(s.RttP50Ms)} / {Numbers.Ms(s.RttP99Ms)} ms (last second)");
        grid.AddRow("errors", s.ErrorsByClass.Count == 0 ? "none" : Markup.Escape(Errors(s)));
        grid.AddRow("generator", Generator(s));
        return new Panel(grid) { Header = new PanelHeader("wsload"), Border = BoxBorder.Rounded };
    }

    private static string Generator(LiveSnapshot s)
    {
        var cpu = s.GeneratorCpuPercent is { } percent ? $"CPU {Numbers.Decimal(percent)}%" : "CPU -";
        return s.Saturation.Count == 0
            ? cpu
            : $"{cpu} [yellow]saturated: {Markup.Escape(string.Join("; ", s.Saturation))} (latency unreliable)[/]";
    }

    private static string Errors(LiveSnapshot s) =>
        string.Join(", ", s.ErrorsByClass.OrderByDescending(e => e.Value).Select(e => $"{e.Key}={Numbers.Count(e.Value)}"));
}
