using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Sinks;

namespace WsLoad.Checkpoints;

/// <summary>
/// The live side of a scenario's checkpoints: judges every interval as it comes (<see cref="CheckpointJudge"/>) and
/// acts on what fires through the run's <see cref="IRunControl"/>. Each firing and clearing is an event on the run's
/// timeline, so the reports draw it on their charts; the result's checkpoint figures come from judging the same
/// snapshots again when the result is built.
/// </summary>
public sealed class CheckpointSink : RunSinkBase
{
    private readonly CheckpointJudge _judge;
    private readonly IRunControl _control;
    private readonly Action<string>? _say;

    // The pause-ramp checkpoints holding now: the ramp goes on only when none is.
    private readonly HashSet<CheckpointOptions> _holdingRamp = [];

    /// <param name="checkpoints">The scenario's checkpoints (validated).</param>
    /// <param name="control">The run they act on.</param>
    /// <param name="say">Where to say, as it happens, what fired (the CLI's stderr); null says nothing.</param>
    public CheckpointSink(IReadOnlyList<CheckpointOptions> checkpoints, IRunControl control, Action<string>? say = null)
    {
        _judge = new CheckpointJudge(checkpoints);
        _control = control ?? throw new ArgumentNullException(nameof(control));
        _say = say;
    }

    public override string Name => "checkpoints";

    protected override async ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken)
    {
        foreach (var transition in _judge.Judge(snapshot))
        {
            var checkpoint = transition.Checkpoint;
            var description = transition.Describe();
            _control.Record(new RunEvent
            {
                AtSeconds = Math.Round(transition.AtSeconds, 3),
                Source = RunEventSource.Run,
                Kind = transition.Fired ? "checkpoint-fired" : "checkpoint-cleared",
                Description = description,
            });
            _say?.Invoke(FormattableString.Invariant($"checkpoint at {transition.AtSeconds:0}s: {description}"));
            if (transition.Fired)
            {
                await ActAsync(checkpoint, transition.DescribeCondition(), transition.AtSeconds);
            }
            else if (checkpoint.Action == CheckpointAction.PauseRamp && _holdingRamp.Remove(checkpoint) && _holdingRamp.Count == 0)
            {
                _control.ResumeRamp();
            }
        }
    }

    private async Task ActAsync(CheckpointOptions checkpoint, string condition, double atSeconds)
    {
        switch (checkpoint.Action)
        {
            case CheckpointAction.Abort:
                _control.Abort($"checkpoint '{checkpoint.DisplayName}': {condition}");
                break;
            case CheckpointAction.PauseRamp:
                _holdingRamp.Add(checkpoint);
                _control.PauseRamp();
                break;
            case CheckpointAction.RampDown:
                if (await _control.RampDownAsync(checkpoint.CloseShare, checkpoint.CloseTo) is not var (closed, open))
                {
                    break;
                }

                _control.Record(new RunEvent
                {
                    AtSeconds = Math.Round(atSeconds, 3),
                    Source = RunEventSource.Run,
                    Kind = "ramp-down",
                    Description = $"checkpoint '{checkpoint.DisplayName}' ramped the run down: closed {closed} of {open} open connections, and opens no more",
                    Count = closed,
                });
                break;
            default:
                break; // mark and alert: the event is the action (webhooks will send alerts on)
        }
    }
}
