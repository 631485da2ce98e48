using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Sinks;

namespace WsLoad.Workers;

/// <summary>
/// A run in several processes on this machine: starts N workers of the same executable, gives each an
/// <see cref="ExecutionSegment"/> of the plan, starts them together, merges their intervals exactly
/// (<see cref="IntervalSnapshotMerge"/>) into the same <see cref="RunResultBuilder"/> fold a one-process run uses, and
/// builds one <see cref="RunResult"/> from it and every worker's final record. A worker that dies becomes an event on
/// the timeline; its data up to then is kept and the run goes on. Cancelling stops every worker gracefully, and a
/// worker that does not end in time is killed: none outlives the run.
/// </summary>
public sealed partial class WorkerController
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StartLead = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(20);

    private readonly Scenario _scenario;
    private readonly LoadTestOptions _options;
    private readonly Func<string, string, ProcessStartInfo> _launch;
    private readonly ExecutionSegmentSequence _sequence;
    private readonly Worker[] _workers;

    /// <param name="scenario">A valid scenario.</param>
    /// <param name="options">The run's options; <see cref="LoadTestOptions.Workers"/> is the worker count.</param>
    /// <param name="launch">How to start a worker: given the controller's socket path and the worker's name, the
    /// process to start (<c>wsload worker --controller PATH --name NAME</c>).</param>
    public WorkerController(Scenario scenario, LoadTestOptions options, Func<string, string, ProcessStartInfo> launch)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(launch);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Workers, 1);
        _scenario = scenario;
        _options = options;
        _launch = launch;
        _sequence = ExecutionSegmentSequence.Even(options.Workers);
        _workers = [.. _sequence.Segments.Select(s => new Worker($"worker-{s.Index + 1}", s))];
    }

    /// <summary>Every snapshot as each worker sent it, before the merge (tests check the merge against them).</summary>
    internal System.Collections.Concurrent.ConcurrentQueue<(string Worker, IntervalSnapshot Snapshot)>? Received { get; init; }

    /// <summary>The workers' process ids, once started (tests check that none is left behind).</summary>
    public IReadOnlyList<int> ProcessIds => [.. _workers.Select(w => w.ProcessId).Where(id => id != 0)];

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var socketPath = Path.Combine(Path.GetTempPath(), $"wsload-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(_workers.Length);
        try
        {
            foreach (var worker in _workers)
            {
                worker.Start(_launch(socketPath, worker.Name));
            }

            await ConnectAllAsync(listener, cancellationToken);
            await AssignAndWaitReadyAsync(cancellationToken);
            return await RunStartedAsync(cancellationToken);
        }
        finally
        {
            await EndAllAsync();
            File.Delete(socketPath);
        }
    }

    private async Task ConnectAllAsync(Socket listener, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        for (var connected = 0; connected < _workers.Length; connected++)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WorkerRunException($"only {connected} of {_workers.Length} workers connected within {ConnectTimeout.TotalSeconds:0} s"
                    + Exited());
            }

            var channel = new WorkerChannel(new NetworkStream(accepted, ownsSocket: true));
            var hello = await channel.ReceiveAsync(timeout.Token) as WorkerHello
                ?? throw new WorkerRunException("a process connected to the worker socket without a hello");
            var worker = _workers.FirstOrDefault(w => w.Name == hello.Worker && w.Channel is null)
                ?? throw new WorkerRunException($"an unexpected worker '{hello.Worker}' connected");
            worker.Channel = channel;
        }
    }

    private async Task AssignAndWaitReadyAsync(CancellationToken cancellationToken)
    {
        foreach (var worker in _workers)
        {
            // Only the first worker samples the target server, so its figures are not counted N times.
            var first = worker.Segment.Index == 0;
            await worker.Channel!.SendAsync(
                new WorkerAssignment(_scenario, FormatSegment(worker.Segment), _sequence.ToString(), _options.WarmUp,
                    first ? _options.ServerProcessId : null, first ? _options.ServerStatsUrl : null),
                cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        foreach (var worker in _workers)
        {
            WorkerMessage message;
            try
            {
                message = await ReceiveOrFailAsync(worker, "getting ready", timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WorkerRunException($"{worker.Name} was not ready within {ReadyTimeout.TotalSeconds:0} s{Exited(worker)}");
            }

            if (message is WorkerFailed failed)
            {
                throw new WorkerRunException($"{failed.Worker} cannot run: {failed.Reason}");
            }

            if (message is not WorkerReady)
            {
                throw new WorkerRunException($"{worker.Name} sent {message.GetType().Name} before it was ready");
            }
        }
    }

    private async Task<RunResult> RunStartedAsync(CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow + StartLead;
        _startedAt = startedAt;
        foreach (var worker in _workers)
        {
            await worker.Channel!.SendAsync(new WorkerStart(startedAt), CancellationToken.None);
        }

        var inbox = Channel.CreateUnbounded<(Worker Worker, WorkerMessage? Message, string? Error)>();
        var readers = _workers.Select(w => ReadAllAsync(w, inbox.Writer)).ToArray();
        _ = Task.WhenAll(readers).ContinueWith(_ => inbox.Writer.TryComplete(), TaskScheduler.Default);

        var plan = ConnectionPlan.Create(_scenario.Connections);
        var builder = new RunResultBuilder(_scenario);
        var sinks = new CompositeRunSink(CreateSinks());
        var merger = new IntervalMerger(_workers.Length);
        using var stopping = cancellationToken.Register(() => _ = StopAllAsync("the run was interrupted"));
        await foreach (var (worker, message, error) in inbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            switch (message)
            {
                case WorkerInterval interval:
                    merger.Add(worker.Segment.Index, interval.Snapshot);
                    worker.Tally(interval.Snapshot);
                    Received?.Enqueue((worker.Name, interval.Snapshot));
                    break;
                case WorkerDone done:
                    worker.Done = done;
                    merger.End(worker.Segment.Index);
                    break;
                default:
                    // The connection ended without a final record: the worker died (or broke the protocol).
                    if (worker.Done is null)
                    {
                        merger.End(worker.Segment.Index);
                        var at = (DateTimeOffset.UtcNow - startedAt).TotalSeconds;
                        merger.AddEvent(new RunEvent
                        {
                            AtSeconds = Math.Max(0, at),
                            Source = RunEventSource.Run,
                            Kind = "worker-lost",
                            Description = $"{worker.Name} (pid {worker.Process?.Id}) ended without its final record ({error ?? "its connection closed"}"
                                + $"{Exited(worker)}); its {Share(worker.Segment)} of the plan's connections ran no further, and what it measured until then is kept",
                            Count = plan.SlotCount == 0 ? null : SlotsOf(worker.Segment),
                        });
                        worker.Lost = true;
                    }

                    break;
            }

            while (_controlEvents.TryDequeue(out var controlEvent))
            {
                merger.AddEvent(controlEvent);
            }

            foreach (var merged in merger.TakeReady())
            {
                Volatile.Write(ref _lastOpen, merged.OpenConnections);
                builder.Add(merged);
                sinks.OnInterval(merged);
            }
        }

        foreach (var merged in merger.TakeRest())
        {
            builder.Add(merged);
            sinks.OnInterval(merged);
        }

        // Every worker is done: from here a checkpoint's abort has no run left to stop (as in one process, it is ignored).
        _ = Interlocked.CompareExchange(ref _checkpointAbort, string.Empty, null);

        // The sinks catch up first: a checkpoint judging the last seconds may still act, and say so on the timeline.
        var sinkHealth = await sinks.DrainAsync(_options.SinkDrainTimeout);
        while (_controlEvents.TryDequeue(out var lateEvent))
        {
            builder.AddEvent(lateEvent);
        }

        var lost = _workers.Where(w => w.Lost).ToList();
        var (status, reason) = Ending(lost, cancellationToken);
        var frame = new RunFrame
        {
            ToolVersion = typeof(LoadTest).Assembly.GetName().Version?.ToString(3) ?? "",
            Scenario = _scenario,
            Environment = EnvironmentInfo.Capture(_options.CommandLine),
            StartedAt = startedAt,
            RampUpEndSeconds = plan.RampUpEnd.TotalSeconds,
            HoldEndSeconds = plan.HoldEnd.TotalSeconds,
            DurationSeconds = (DateTimeOffset.UtcNow - startedAt).TotalSeconds,
            Status = status,
            StatusReason = reason,
            Sinks = sinkHealth,
        };
        // A lost worker has no final record; an empty one in its place keeps the merged availability from reading as
        // if its connections had never been planned (it cannot be merged, and says so by being absent).
        var finals = _workers.Select(w => w.Done?.Final ?? new ProcessFinalRecord { Process = w.Name }).ToList();
        var result = builder.Build(frame, finals) with
        {
            Workers = [.. _workers.Select(w => w.Summarize(SlotsOf(w.Segment)))],
        };
        using var ending = new CancellationTokenSource(_options.SinkDrainTimeout);
        await sinks.OnEndAsync(result, ending.Token);
        return result;

        int SlotsOf(ExecutionSegment segment) => ConnectionPlan.Create(_scenario.Connections, segment).SlotCount;
    }

    // Interrupted wins (the user asked); then a worker's own abort; then a lost worker, which leaves the run short.
    private (RunStatus Status, string? Reason) Ending(List<Worker> lost, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return (RunStatus.Interrupted, "interrupted by the user");
        }

        if (Volatile.Read(ref _checkpointAbort) is { Length: > 0 } checkpoint)
        {
            return (RunStatus.Aborted, checkpoint);
        }

        if (_workers.FirstOrDefault(w => w.Done?.Status == RunStatus.Aborted) is { } aborted)
        {
            return (RunStatus.Aborted, $"{aborted.Name}: {aborted.Done!.StatusReason}");
        }

        if (lost.Count > 0)
        {
            var share = lost.Sum(w => (w.Segment.To - w.Segment.From).ToDouble());
            return (RunStatus.Aborted, $"{lost.Count} of {_workers.Length} workers died ({string.Join(", ", lost.Select(w => w.Name))}): "
                + string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.#}% of the planned load did not run to the end"));
        }

        return (RunStatus.Completed, null);
    }

    private static async Task ReadAllAsync(Worker worker, ChannelWriter<(Worker, WorkerMessage?, string?)> inbox)
    {
        string? error = null;
        try
        {
            while (await worker.Channel!.ReceiveAsync(CancellationToken.None) is { } message)
            {
                await inbox.WriteAsync((worker, message, null));
                if (message is WorkerDone)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or WorkerProtocolException)
        {
            error = exception.Message;
        }

        await inbox.WriteAsync((worker, null, error));
    }

    private static async Task<WorkerMessage> ReceiveOrFailAsync(Worker worker, string doing, CancellationToken cancellationToken) =>
        await worker.Channel!.ReceiveAsync(cancellationToken)
            ?? throw new WorkerRunException($"{worker.Name} closed its connection while {doing}{Exited(worker)}");

    private async Task StopAllAsync(string reason)
    {
        foreach (var worker in _workers.Where(w => w.Channel is not null && w.Done is null && !w.Lost))
        {
            try
            {
                await worker.Channel!.SendAsync(new WorkerStop(reason), CancellationToken.None);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
            {
                // already gone; its reader reports it
            }
        }
    }

    // Every worker is told to stop and given time to end; one that does not is killed. None outlives the run.
    private async Task EndAllAsync()
    {
        await StopAllAsync("the run is over");
        using var grace = new CancellationTokenSource(EndGrace);
        foreach (var worker in _workers.Where(w => w.Process is not null))
        {
            try
            {
                await worker.Process!.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                worker.Process!.Kill(entireProcessTree: true);
                await worker.Process.WaitForExitAsync(CancellationToken.None);
            }

            if (worker.Channel is not null)
            {
                await worker.Channel.DisposeAsync();
            }

            worker.Process.Dispose();
        }
    }

    private string Exited() => string.Concat(_workers.Select(Exited));

    private static string Exited(Worker worker) =>
        worker.Process is { HasExited: true } process
            ? $"; {worker.Name} exited with code {process.ExitCode}{(worker.LastError is { Length: > 0 } e ? ": " + e : "")}"
            : "";

    private static string FormatSegment(ExecutionSegment segment) => $"{segment.From}:{segment.To}";

    private static string Share(ExecutionSegment segment) =>
        string.Create(CultureInfo.InvariantCulture, $"{(segment.To - segment.From).ToDouble() * 100:0.#}%");

    /// <summary>One worker: its share, its process and its connection.</summary>
    private sealed class Worker(string name, ExecutionSegment segment)
    {
        public string Name { get; } = name;

        public ExecutionSegment Segment { get; } = segment;

        public Process? Process { get; private set; }

        /// <summary>The process id, kept after the process object is disposed; 0 before the start.</summary>
        public int ProcessId { get; private set; }

        public WorkerChannel? Channel { get; set; }

        public WorkerDone? Done { get; set; }

        public bool Lost { get; set; }

        /// <summary>The last line the worker wrote to stderr, for the message when it fails.</summary>
        public string? LastError { get; private set; }

        private SnapshotCounters _counters;
        private long _peakOpen;
        private int _intervals;
        private double _maxCpu;
        private long _maxRss;
        private double _maxLag;
        private int _saturated;

        /// <summary>Adds one of its intervals to its own figures.</summary>
        public void Tally(IntervalSnapshot snapshot)
        {
            _intervals++;
            _counters += snapshot.Counters;
            _peakOpen = Math.Max(_peakOpen, snapshot.OpenConnections);
            foreach (var generator in snapshot.Processes.Select(p => p.Generator).OfType<GeneratorSample>())
            {
                _maxCpu = Math.Max(_maxCpu, generator.CpuPercent);
                _maxRss = Math.Max(_maxRss, generator.RssBytes);
                _maxLag = Math.Max(_maxLag, generator.SchedulingLagMs);
                _saturated += generator.Saturated ? 1 : 0;
            }
        }

        public WorkerSummary Summarize(int plannedConnections) => new()
        {
            Name = Name,
            ProcessId = ProcessId,
            Segment = FormatSegment(Segment),
            PlannedConnections = plannedConnections,
            Established = _counters.ConnectsEstablished,
            Failed = _counters.ConnectsFailed,
            Dropped = _counters.Dropped,
            PeakOpen = _peakOpen,
            Sent = _counters.Sent,
            Received = _counters.Received,
            Intervals = _intervals,
            Status = Lost ? "lost" : Done is { } done ? System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(done.Status.ToString()) : "unknown",
            StatusReason = Done?.StatusReason,
            MaxCpuPercent = _maxCpu,
            MaxRssBytes = _maxRss,
            MaxSchedulingLagMs = _maxLag,
            SaturatedIntervals = _saturated,
        };

        public void Start(ProcessStartInfo start)
        {
            start.RedirectStandardError = true;
            start.RedirectStandardOutput = true;
            start.UseShellExecute = false;
            Process = Process.Start(start) ?? throw new WorkerRunException($"{Name} could not be started ({start.FileName})");
            ProcessId = Process.Id;
            Process.ErrorDataReceived += (_, e) =>
            {
                if (!string.IsNullOrWhiteSpace(e.Data))
                {
                    LastError = e.Data.Trim();
                }
            };
            Process.OutputDataReceived += (_, _) => { };
            Process.BeginErrorReadLine();
            Process.BeginOutputReadLine();
        }
    }
}
