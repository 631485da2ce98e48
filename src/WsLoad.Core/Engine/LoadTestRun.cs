using System.Net;
using WsLoad.Connections;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Resources;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Sinks;

namespace WsLoad.Engine;

/// <summary>
/// One execution of a scenario: runs the connection plan, the send loops and the once-a-second sampler, then builds
/// the <see cref="RunResult"/>. Split by concern: connections (<c>.Connections.cs</c>), sampling
/// (<c>.Sampling.cs</c>) and the result (<c>.Result.cs</c>).
/// </summary>
internal sealed partial class LoadTestRun : IDisposable
{
    /// <summary>Consecutive failed connects, with none established, after which the run aborts.</summary>
    private const int FailFastAttempts = 20;

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Put in <see cref="_abortReason"/> when the status is decided, so that a checkpoint firing later cannot abort a finished run.</summary>
    private const string StatusDecided = "";
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    // What the run is and how it is carried out.
    private readonly Scenario _scenario;
    private readonly LoadTestOptions _options;
    private readonly TimeProvider _time;
    private readonly ConnectionPlan _plan;
    private readonly IPAddress[] _sourceAddresses;
    private readonly WsConnectRequest?[] _requests;
    private readonly long _start;
    private readonly DateTimeOffset _startedAt;

    // What it measures.
    private readonly RunCounters _counters = new();
    private readonly FailureLog _failures = new();
    private readonly ConnectPhases _connectPhases = new();
    private readonly ConnectionEnds _connectionEnds;
    private readonly CodeCounts _handshakeStatuses = new();
    private readonly CodeCounts _closeCodes = new();
    private readonly SchedulingLag _lag = new();
    private readonly RunTimeline _timeline;
    private readonly ResourceMonitor _resources;

    // The moving parts: one session per planned slot, the senders, and the end-of-run coordination.
    private readonly ClientSession?[] _sessions;
    private readonly MessageTraffic _traffic;
    private readonly SendLoop[] _sendLoops;
    private readonly InFlightWindow? _window;
    private readonly MessageRetrier? _retrier;
    private readonly SemaphoreSlim _connectGate;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _connectsSettled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pendingConnects;

    /// <summary>Why the run aborted (a connect storm that never connected, a checkpoint); <see cref="StatusDecided"/> once it can no longer.</summary>
    private string? _abortReason;
    private volatile bool _endedAsPlanned;
    private long _firstAttemptTimestamp;
    private long _lastEstablishedTimestamp;

    public LoadTestRun(Scenario scenario, LoadTestOptions options)
    {
        _scenario = scenario;
        _options = options;
        _time = options.TimeProvider;
        _plan = ConnectionPlan.Create(scenario.Connections, options.Segment);
        _sessions = new ClientSession?[_plan.SlotCount];
        _sourceAddresses = SourceAddressList.Expand(scenario.Connections.SourceAddresses);
        _requests = new WsConnectRequest?[Math.Max(1, _sourceAddresses.Length)];
        _connectGate = new SemaphoreSlim(Math.Max(1, scenario.Connections.MaxConcurrentConnects));
        _start = _time.GetTimestamp();
        _startedAt = _time.GetUtcNow();
        _timeline = new RunTimeline(_time, _start);
        _connectionEnds = new ConnectionEnds(_time);
        // With workers, only the first asks Prometheus about the server, as only the first samples a local server's process.
        _resources = new ResourceMonitor(options.ServerProcessId, _lag, _time, options.ServerStatsUrl,
            options.Segment.Index == 0 ? scenario.ServerMetrics : null, options.OnNotice);
        _traffic = new MessageTraffic(scenario.Messages, _time, _start, _counters, _failures, _plan.TotalRateShare);
        _ = UrlTemplate.TryParse(scenario.Target.Url, out var template, out _); // validated before
        _urlTemplate = template;
        if (scenario.Messages.Expect == ExpectMode.Broadcast)
        {
            _publishers = (scenario.Messages.Broadcast ?? new BroadcastOptions()).PublisherCount(scenario.Connections.Count, template.Distinct);
        }

        var sender = new MessageSender(_traffic, _time);
        _window = scenario.Messages.InFlight is { } inFlight ? new InFlightWindow(inFlight, sender, _time, _stopping.Token) : null;
        _traffic.Answered = _window is null ? null : _window.Answered;
        _retrier = scenario.Messages.Retry.Enabled && _traffic.ExpectsReplies ? new MessageRetrier(scenario.Messages.Retry, sender, _time, _sessions) : null;
        _traffic.Retrier = _retrier;
        _recovery = CreateRecovery();
        _builder = new RunResultBuilder(scenario);
        _sinks = new CompositeRunSink(CreateSinks());
        _sendLoops = new SendLoop[Math.Clamp(Environment.ProcessorCount, 1, 8)];
        for (var i = 0; i < _sendLoops.Length; i++)
        {
            _sendLoops[i] = new SendLoop(_traffic, sender, _time, _lag, seed: i + 1);
        }
    }

    /// <summary>The generator's warm-up that ran before this run was created, for the result's environment.</summary>
    public RunWarmUp? WarmUp { get; init; }

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var runToken = linked.Token;
        _runCancellation = runToken;
        var sampler = SampleAsync(runToken);
        var serverFaults = RunServerFaultsAsync(runToken);
        var clientFaults = RunClientFaultsAsync(runToken);
        var loops = _sendLoops.Select(loop => Task.Run(() => loop.RunAsync(runToken), CancellationToken.None)).ToArray();
        var retries = _retrier?.RunAsync(runToken) ?? Task.CompletedTask;
        var status = RunStatus.Completed;
        string? reason = null;
        try
        {
            await StartNetworkAsync(runToken);
            await new ConnectionScheduler(_time).RunAsync(_plan, this, runToken, _rampGate);
            _endedAsPlanned = !runToken.IsCancellationRequested;
            if (Interlocked.CompareExchange(ref _abortReason, StatusDecided, null) is { } abort)
            {
                status = RunStatus.Aborted;
                reason = abort;
            }
            else if (cancellationToken.IsCancellationRequested)
            {
                status = RunStatus.Interrupted;
                reason = "interrupted by the user";
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = RunStatus.Interrupted;
            reason = "interrupted by the user";
        }
        catch (Exception exception)
        {
            status = RunStatus.Aborted;
            reason = "engine error: " + exception.Message;
        }

        await FinishDrainsAsync();
        await CloseEverythingAsync();
        await SettleConnectsAsync();
        await StopNetworkAsync();
        await Task.WhenAll(loops).WaitAsync(ShutdownTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await sampler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await serverFaults.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await clientFaults.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await retries.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _ = TakeSnapshot(); // the last, usually shorter, interval
        if (status == RunStatus.Completed && _counters.Snapshot() is { ConnectsAttempted: > 0, ConnectsEstablished: 0 })
        {
            status = RunStatus.Aborted;
            reason = "no connection could be established: " + _failures.MostCommon();
        }

        // The sinks get a bounded time to catch up; how they fared goes into the result, which they then get too.
        var sinkHealth = await _sinks.DrainAsync(_options.SinkDrainTimeout);
        var result = BuildResult(status, reason, sinkHealth);
        using var ending = new CancellationTokenSource(_options.SinkDrainTimeout);
        await _sinks.OnEndAsync(result, ending.Token);
        return result;
    }

    /// <summary>
    /// Waits until <paramref name="at"/> after the run's start. Timers may fire up to a millisecond early (their clock
    /// ticks coarser than the timestamps), so it waits again for what is left: a timeline event is never stamped before
    /// its due time.
    /// </summary>
    private async Task WaitUntilAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        for (var wait = at - _time.GetElapsedTime(_start); wait > TimeSpan.Zero; wait = at - _time.GetElapsedTime(_start))
        {
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    public void Dispose()
    {
        _resources.Dispose();
        _recovery.Dispose();
        _connectGate.Dispose();
        _stopping.Dispose();
        _rampGate?.Dispose();
    }
}
