using WsLoad.Checkpoints;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// One run's webhook alerts: its start (at its first second), live threshold breaches and recoveries, and checkpoint
/// actions, each queued on every webhook's sender and never waited for. Thresholds are judged live as checkpoints
/// (<see cref="ThresholdAbort.Watch"/>: the run so far, every second from a second after the ramp-up, by
/// <see cref="CheckpointJudge"/>); one whose metric is known only at the end is left to the end message. The scenario's checkpoints are judged again here, the
/// same fold over the same snapshots as the run's own checkpoint sink, so the alerts know each one's action.
/// Its messages are counted in <see cref="Tally"/>, which run.json's <c>sinks[].sends</c> shows as of the run's end.
/// </summary>
internal sealed class WebhookSink : RunSinkBase
{
    private readonly LiveRun _run;
    private readonly IReadOnlyList<WebhookSender> _senders;
    private readonly TimeProvider _time;
    private readonly CheckpointJudge _thresholds;
    private readonly CheckpointJudge _checkpoints;

    // A threshold alerts once when it first fails and once when it first holds again: no stream of flapping.
    private readonly HashSet<(string When, bool Fired)> _thresholdAlerts = [];
    private volatile bool _started;

    public WebhookSink(LiveRun run, IReadOnlyList<WebhookSender> senders, TimeProvider time)
    {
        _run = run ?? throw new ArgumentNullException(nameof(run));
        _senders = senders ?? throw new ArgumentNullException(nameof(senders));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        // Judged from a second after the ramp-up: before, connects still in flight and a few first replies make a
        // threshold fail for a moment that the run as a whole meets (connect.success at the first second).
        var from = Planning.ConnectionPlan.Create(run.Scenario.Connections).RampUpEnd + TimeSpan.FromSeconds(1);
        var watched = run.Scenario.Thresholds.Select(ThresholdAbort.Watch).OfType<CheckpointOptions>()
            .DistinctBy(c => c.When).Select(c => c with { After = from }).ToList();
        _thresholds = JudgeOrNone(watched);
        _checkpoints = JudgeOrNone(run.Scenario.Checkpoints);
    }

    public override string Name => "webhooks";

    /// <summary>This run's messages, on every webhook.</summary>
    public WebhookTally Tally { get; } = new();

    protected override SinkSends? Sends => Tally.ToSends();

    /// <summary>The run's end, once its reports are written; after the last interval.</summary>
    public void Ended(RunResult result, string? htmlReport) => Queue(WebhookAlerts.Ended(_run, result, htmlReport, _time.GetUtcNow()));

    protected override ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (!_started)
        {
            _started = true;
            Queue(WebhookAlerts.Started(_run, _time.GetUtcNow()));
        }

        foreach (var transition in _thresholds.Judge(snapshot))
        {
            if (_thresholdAlerts.Add((transition.Checkpoint.When, transition.Fired)))
            {
                Queue(WebhookAlerts.Threshold(_run, transition, _time.GetUtcNow()));
            }
        }

        foreach (var transition in _checkpoints.Judge(snapshot))
        {
            if (Tells(transition))
            {
                Queue(WebhookAlerts.Checkpoint(_run, transition, _time.GetUtcNow()));
            }
        }

        return ValueTask.CompletedTask;
    }

    // A mark is only a line on the timeline; an abort or ramp-down is done once it fired, so its clearing is no news.
    private static bool Tells(CheckpointTransition transition) => transition.Checkpoint.Action switch
    {
        CheckpointAction.Mark => false,
        CheckpointAction.Abort or CheckpointAction.RampDown => transition.Fired,
        _ => true,
    };

    private static CheckpointJudge JudgeOrNone(IReadOnlyList<CheckpointOptions> checkpoints)
    {
        try
        {
            return new CheckpointJudge(checkpoints);
        }
        catch (FormatException)
        {
            return new CheckpointJudge([]); // the scenario's validation reports it; alerts are no place to fail a run
        }
    }

    private void Queue(WebhookAlert alert)
    {
        foreach (var sender in _senders)
        {
            sender.TryQueue(alert, Tally);
        }
    }
}
