using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Thresholds;

namespace WsLoad.Checkpoints;

/// <summary>
/// Judges a scenario's checkpoints once a second: given each interval snapshot in order, it says which checkpoints came
/// to hold and which cleared. A pure fold of the snapshots, so the live run (which acts on the transitions) and the
/// result (which reports them, <see cref="Summarize"/>) judge the same seconds the same way. Not thread-safe.
/// </summary>
public sealed class CheckpointJudge
{
    private readonly LiveWindow _window = new();
    private readonly State[] _states;
    private readonly bool _hasPauseRamp;
    private long? _healthyLevel;
    private double? _healthyAt;

    /// <exception cref="FormatException">A condition does not parse (validate the scenario first).</exception>
    public CheckpointJudge(IReadOnlyList<CheckpointOptions> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(checkpoints);
        _states = [.. checkpoints.Select(c => new State(c, CheckpointCondition.Parse(c.When)))];
        _hasPauseRamp = checkpoints.Any(c => c.Action == CheckpointAction.PauseRamp);
    }

    /// <summary>True when there is nothing to judge.</summary>
    public bool IsEmpty => _states.Length == 0;

    /// <summary>Judges the second <paramref name="snapshot"/> ends; returns the checkpoints that fired or cleared in it.</summary>
    public IReadOnlyList<CheckpointTransition> Judge(IntervalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _window.Add(snapshot);
        List<CheckpointTransition>? transitions = null;
        var pauseConditionMet = false;
        foreach (var state in _states)
        {
            if (snapshot.EndSeconds < state.Checkpoint.After.TotalSeconds)
            {
                // Not judged yet: a pause-ramp checkpoint cannot vouch for this second's health either.
                pauseConditionMet |= state.Checkpoint.Action == CheckpointAction.PauseRamp;
                continue;
            }

            var condition = state.Condition;
            var value = condition.Definition.Read(_window, condition.WindowSeconds);
            var met = value is { } v && condition.IsMetBy(v);
            state.SecondsJudged++;
            state.Streak = met ? state.Streak + 1 : 0;
            pauseConditionMet |= met && state.Checkpoint.Action == CheckpointAction.PauseRamp;
            var holds = state.Streak >= condition.ForSeconds;
            if (holds)
            {
                state.SecondsHeld++;
                if (condition.Operator is not null && value is { } reading && (state.Worst is not { } worst || IsWorse(condition, reading, worst)))
                {
                    state.Worst = reading;
                }
            }

            if (holds != state.Holding)
            {
                state.Holding = holds;
                if (holds)
                {
                    state.Fired++;
                    state.FirstFired ??= Math.Round(snapshot.EndSeconds, 3);
                }

                (transitions ??= []).Add(new CheckpointTransition(state.Checkpoint, condition, holds, value, snapshot.EndSeconds));
            }
        }

        if (_hasPauseRamp && !pauseConditionMet && (_healthyLevel is not { } level || snapshot.OpenConnections > level))
        {
            _healthyLevel = snapshot.OpenConnections;
            _healthyAt = Math.Round(snapshot.EndSeconds, 3);
        }

        return transitions ?? (IReadOnlyList<CheckpointTransition>)[];
    }

    /// <summary>How each checkpoint fared over the seconds judged so far; null when the scenario has none.</summary>
    public CheckpointsSummary? Summarize()
    {
        if (_states.Length == 0)
        {
            return null;
        }

        return new CheckpointsSummary
        {
            Items = [.. _states.Select(s => new CheckpointSummary
            {
                Name = s.Checkpoint.DisplayName,
                When = s.Checkpoint.When,
                Action = CheckpointOptions.ActionName(s.Checkpoint.Action),
                Fired = s.Fired,
                FirstFiredSeconds = s.FirstFired,
                SecondsHeld = s.SecondsHeld,
                SecondsJudged = s.SecondsJudged,
                WorstValue = s.Worst,
                Unit = UnitName(s.Condition.Definition.Unit),
            })],
            HighestHealthyLevel = _healthyLevel,
            HighestHealthyAtSeconds = _healthyAt,
        };
    }

    // Further past the limit: higher for "greater than" conditions, lower for "less than" ones.
    private static bool IsWorse(CheckpointCondition condition, double reading, double worst) =>
        condition.Operator is ThresholdOperator.LessThan or ThresholdOperator.LessThanOrEqual ? reading < worst : reading > worst;

    private static string UnitName(ThresholdUnit? unit) => unit switch
    {
        null => "flag",
        ThresholdUnit.Milliseconds => "ms",
        ThresholdUnit.Percent => "%",
        ThresholdUnit.PerSecond => "/s",
        _ => "count",
    };

    private sealed class State(CheckpointOptions checkpoint, CheckpointCondition condition)
    {
        public CheckpointOptions Checkpoint { get; } = checkpoint;

        public CheckpointCondition Condition { get; } = condition;

        public int Streak { get; set; }

        public bool Holding { get; set; }

        public int Fired { get; set; }

        public double? FirstFired { get; set; }

        public int SecondsHeld { get; set; }

        public int SecondsJudged { get; set; }

        public double? Worst { get; set; }
    }
}
