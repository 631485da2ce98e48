using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// The end of a run: this process's final record, and the result folded from its snapshots and that record by the
/// same <see cref="RunResultBuilder"/> that folds workers' snapshots. Nothing here reads a figure the snapshots carry.
/// </summary>
internal sealed partial class LoadTestRun
{
    /// <summary>The frame and final record the result was built from, once the run is over (tests fold the snapshots again).</summary>
    internal (RunFrame Frame, ProcessFinalRecord Final)? Ending { get; private set; }

    private RunResult BuildResult(RunStatus status, string? reason, IReadOnlyList<SinkHealth> sinks)
    {
        var end = _time.GetTimestamp();
        var recovery = SummarizeRecovery();
        var counters = _counters.Snapshot();
        var firstAttempt = Volatile.Read(ref _firstAttemptTimestamp);
        var lastEstablished = Volatile.Read(ref _lastEstablishedTimestamp);
        var availability = AvailabilityCalculator.Parts(_sessions, _plan, _start, end, _time.TimestampFrequency);
        var final = new ProcessFinalRecord
        {
            Process = _options.ProcessName,
            Unanswered = _traffic.ExpectsReplies ? _sessions.Sum(s => s?.Lost ?? 0) : 0,
            UnansweredAtClose = _traffic.ExpectsReplies ? _sessions.Sum(s => s is null ? 0 : s.Unanswered - s.Lost) : 0,
            Availability = availability.Summarize(counters.Dropped, recovery),
            AvailabilityParts = availability,
            Recovery = recovery,
            ReconnectTimes = _recovery.ReconnectTimes(),
            Retry = _retrier?.Summarize(),
            FailureEvents = _failures.Details(),
            FailureEventsDropped = _failures.Undetailed,
            FailureSamples = _failures.Samples(),
            Events = _timeline.TakeNew(),
            FirstAttemptSeconds = firstAttempt == 0 ? null : _time.GetElapsedTime(_start, firstAttempt).TotalSeconds,
            LastEstablishedSeconds = lastEstablished == 0 ? null : _time.GetElapsedTime(_start, lastEstablished).TotalSeconds,
        };
        var frame = new RunFrame
        {
            ToolVersion = typeof(LoadTest).Assembly.GetName().Version?.ToString(3) ?? "",
            Scenario = _scenario,
            Environment = EnvironmentInfo.Capture(_options.CommandLine) with { WarmUp = WarmUp },
            StartedAt = _startedAt,
            RampUpEndSeconds = _plan.RampUpEnd.TotalSeconds,
            HoldEndSeconds = _plan.HoldEnd.TotalSeconds,
            DurationSeconds = _time.GetElapsedTime(_start, end).TotalSeconds,
            Status = status,
            StatusReason = reason,
            Sinks = sinks,
        };
        Ending = (frame, final);
        return _builder.Build(frame, [final]);
    }
}
