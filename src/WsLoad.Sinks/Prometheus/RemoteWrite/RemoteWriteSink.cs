using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// One run's remote write: it folds each interval into the command's <see cref="CumulativeMetrics"/> and, every
/// interval of run time (the snapshots' <see cref="IntervalSnapshot.EndSeconds"/>, so a slow sink does not bunch its
/// writes up), hands a write request of every series' current value to the <see cref="RemoteWriteSender"/>, stamped with
/// the wall-clock time of the interval's end. The last values go when the run sends no more intervals, and the run waits
/// a bounded time for them to arrive. Its health carries what became of the run's samples (<see cref="SinkSamples"/>).
/// </summary>
internal sealed class RemoteWriteSink : RunSinkBase
{
    // Snapshots come about a second apart, give or take a little: a write is due a little early rather than a second late.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(100);

    private readonly string _scenario;
    private readonly CumulativeMetrics _metrics;
    private readonly RemoteWriteSender _sender;
    private readonly TimeSpan _interval;
    private readonly RemoteWritePolicy _policy;
    private readonly TimeProvider _time;
    private readonly SinkSamples _before;
    private DateTimeOffset? _runStart;
    private double _lastWriteSeconds;
    private double _lastEndSeconds;
    private bool _unwritten;

    public RemoteWriteSink(LiveRun run, CumulativeMetrics metrics, RemoteWriteSender sender, TimeSpan interval, RemoteWritePolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(sender);
        _scenario = run.Name;
        _metrics = metrics;
        _sender = sender;
        _interval = interval;
        _policy = policy;
        _time = time;
        _before = sender.Counts.Read();
    }

    public override string Name => "prometheus-remote-write";

    protected override SinkSamples? Samples => RemoteWriteCounts.Between(_before, _sender.Counts.Read());

    protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
    {
        // The run's start on the wall clock, from the first interval handled: timestamps then follow run time.
        _runStart ??= _time.GetUtcNow() - TimeSpan.FromSeconds(snapshot.EndSeconds);
        _metrics.Add(snapshot, _scenario);
        _lastEndSeconds = snapshot.EndSeconds;
        _unwritten = true;
        if (TimeSpan.FromSeconds(snapshot.EndSeconds - _lastWriteSeconds) >= _interval - Tolerance)
        {
            Write();
        }

        return ValueTask.CompletedTask;
    }

    protected override async Task HandleIntervalsEndedAsync(CancellationToken cancellationToken)
    {
        if (_unwritten)
        {
            Write();
        }

        await _sender.WaitIdleAsync(_policy.FinalFlushWait, cancellationToken);
    }

    private void Write()
    {
        var end = _runStart!.Value + TimeSpan.FromSeconds(_lastEndSeconds);
        _sender.TryEnqueue(_metrics.ToWriteRequest(end.ToUnixTimeMilliseconds()));
        _lastWriteSeconds = _lastEndSeconds;
        _unwritten = false;
    }
}
