using WsLoad.Checkpoints;
using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// The run's side of its checkpoints' actions (<see cref="IRunControl"/>): an abort ends the run as a failed connect
/// storm does, and the ramp is held or ended through the scheduler's <see cref="RampGate"/>, whose thread carries out
/// every open and close.
/// </summary>
internal sealed partial class LoadTestRun : IRunControl
{
    private RampGate? _rampGate;

    private RampGate RampGate => _rampGate ??= new RampGate(_time);

    /// <summary>The live sinks: the caller's, and the checkpoints' judge when this process judges them.</summary>
    private IEnumerable<Sinks.IRunSink> CreateSinks()
    {
        if (_scenario.Checkpoints.Count > 0)
        {
            _ = RampGate; // created before the scheduler starts, so it is the one the scheduler watches (a worker's too)
            if (_options.JudgeCheckpoints)
            {
                return [.. _options.Sinks, new CheckpointSink(_scenario.Checkpoints, this, _options.OnNotice)];
            }
        }

        return _options.Sinks;
    }

    public void Abort(string reason)
    {
        // Once the run's status is decided (StatusDecided holds the place), a late abort changes nothing.
        if (Interlocked.CompareExchange(ref _abortReason, reason, null) is null)
        {
            _timeline.Record(RunEventSource.Run, "run-aborted", reason);
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run is over already.
            }
        }
    }

    public void PauseRamp() => _rampGate?.Pause();

    public void ResumeRamp() => _rampGate?.Resume();

    public async Task<(int Closed, int Open)?> RampDownAsync(double? share, int? to)
    {
        if (_rampGate is not { } gate)
        {
            return (0, 0);
        }

        var outcome = await gate.RequestRampDown(share, to);
        return (outcome.Closed, outcome.Open);
    }

    public void Record(RunEvent runEvent) => _timeline.Record(runEvent);

    /// <summary>Seconds since the run started, as its events carry them.</summary>
    public double ElapsedSeconds => _timeline.Now;

    bool IConnectionSlots.IsOpen(int slot) =>
        _sessions[slot] is { State: ClientSession.Open or ClientSession.Pending, Draining: false, CloseRequested: false };

    // A connection still connecting is closed as soon as its 101 comes (ConnectAsync checks CloseRequested). Its planned
    // time ends now: availability counts the time it was meant to be up, and a ramp-down shortened that on purpose.
    void IConnectionSlots.CloseEarly(int slot)
    {
        if (_sessions[slot] is { } session)
        {
            session.EarlyCloseTimestamp = _time.GetTimestamp();
            ((IConnectionSlots)this).Close(slot);
        }
    }
}
