namespace WsLoad.Planning;

/// <summary>
/// Lets a live checkpoint steer a running <see cref="ConnectionScheduler"/> from another thread: hold the ramp
/// (<see cref="Pause"/> until <see cref="Resume"/>), or end it and close connections (<see cref="RequestRampDown"/>).
/// </summary>
/// <remarks>
/// A paused ramp goes on where it stopped: its opening times move later by the time spent paused. Closing times do not
/// move, so the run still ends on schedule; once the hold's planned end has come, a ramp that was paused opens nothing
/// more. A ramp-down ends the ramp for good. The scheduler carries a requested ramp-down out on its own thread, as it
/// does every open and close, and says how it went through the request's task.
/// </remarks>
internal sealed class RampGate(TimeProvider time) : IDisposable
{
    private readonly Lock _lock = new();
    private CancellationTokenSource _wake = new();
    private long _pausedSince;
    private TimeSpan _pausedBefore;
    private bool _stopped;
    private RampDownRequest? _pending;
    private bool _disposed;
    private bool _completed;

    /// <summary>Cancelled whenever the gate changes, so a scheduler asleep in a long hold wakes to see it.</summary>
    public CancellationToken WakeToken
    {
        get
        {
            lock (_lock)
            {
                return _wake.Token;
            }
        }
    }

    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _pausedSince != 0;
            }
        }
    }

    /// <summary>True once a ramp-down has ended the ramp.</summary>
    public bool IsStopped
    {
        get
        {
            lock (_lock)
            {
                return _stopped;
            }
        }
    }

    /// <summary>How long the ramp has been held so far, the current pause included.</summary>
    public TimeSpan PausedFor
    {
        get
        {
            lock (_lock)
            {
                return _pausedBefore + (_pausedSince != 0 ? time.GetElapsedTime(_pausedSince) : TimeSpan.Zero);
            }
        }
    }

    /// <summary>Holds the ramp at its current level; nothing more opens until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_lock)
        {
            if (_stopped || _pausedSince != 0)
            {
                return;
            }

            _pausedSince = time.GetTimestamp();
        }

        Wake();
    }

    /// <summary>Lets a held ramp go on where it stopped.</summary>
    public void Resume()
    {
        lock (_lock)
        {
            if (_pausedSince == 0)
            {
                return;
            }

            _pausedBefore += time.GetElapsedTime(_pausedSince);
            _pausedSince = 0;
        }

        Wake();
    }

    /// <summary>Ends the ramp and asks the scheduler to close a share of the open connections, or down to a count.</summary>
    public Task<RampDownOutcome> RequestRampDown(double? share, int? to)
    {
        var request = new RampDownRequest(share, to);
        lock (_lock)
        {
            if (_completed)
            {
                return Task.FromResult(new RampDownOutcome(0, 0)); // the plan is over: nothing is left to close
            }

            _stopped = true;
            _pausedSince = 0;
            _pending?.Done.TrySetResult(new RampDownOutcome(0, 0)); // superseded by this one
            _pending = request;
        }

        Wake();
        return request.Done.Task;
    }

    /// <summary>The ramp-down asked for since the last call, if any (the scheduler's side).</summary>
    public RampDownRequest? TakeRampDown()
    {
        lock (_lock)
        {
            var pending = _pending;
            _pending = null;
            return pending;
        }
    }

    /// <summary>
    /// Where the ramp's own clock stands at <paramref name="now"/> (the run's elapsed time): now less the time spent
    /// paused. Null when nothing may open: paused, ended by a ramp-down, or a delayed ramp past the hold's end.
    /// </summary>
    public TimeSpan? RampTime(TimeSpan now, TimeSpan holdEnd)
    {
        lock (_lock)
        {
            if (_stopped || _pausedSince != 0)
            {
                return null;
            }

            if (_pausedBefore == TimeSpan.Zero)
            {
                return now;
            }

            return now < holdEnd ? now - _pausedBefore : null;
        }
    }

    /// <summary>The scheduler is done: a ramp-down asked for still, or from now on, is answered at once with nothing closed.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            _pending?.Done.TrySetResult(new RampDownOutcome(0, 0));
            _pending = null;
        }
    }

    /// <summary>Answers a ramp-down the scheduler did not carry out (the run ended first) with nothing closed.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _pending?.Done.TrySetResult(new RampDownOutcome(0, 0));
            _pending = null;
            _disposed = true;
            _wake.Dispose();
        }
    }

    private void Wake()
    {
        CancellationTokenSource woken;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            woken = _wake;
            _wake = new CancellationTokenSource();
        }

        woken.Cancel();
        woken.Dispose();
    }
}

/// <summary>A ramp-down asked of the scheduler: close <see cref="Share"/> (0-1] of the open connections, or down to <see cref="To"/>.</summary>
internal sealed record RampDownRequest(double? Share, int? To)
{
    public TaskCompletionSource<RampDownOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How many of <paramref name="open"/> connections to close.</summary>
    public int CountToClose(int open) => Share is { } share
        ? (int)Math.Min(open, Math.Ceiling(share * open - 1e-9))
        : Math.Max(0, open - (To ?? open));
}

/// <summary>What a ramp-down did: closed <see cref="Closed"/> of the <see cref="Open"/> connections open then.</summary>
internal readonly record struct RampDownOutcome(int Closed, int Open);
