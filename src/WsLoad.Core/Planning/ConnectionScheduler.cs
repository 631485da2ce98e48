namespace WsLoad.Planning;

/// <summary>
/// Runs a <see cref="ConnectionPlan"/> against a <see cref="TimeProvider"/>: wakes when the next slot is due (but at
/// most once a tick), opens every slot whose open time has come and closes every slot whose close time has come,
/// catching up at once when it wakes late (nothing is skipped), and completes at <see cref="ConnectionPlan.End"/>.
/// Between events (a long hold) it sleeps instead of ticking: an idle generator should cost nothing.
/// </summary>
/// <remarks>
/// "Now" is the time elapsed since <see cref="RunAsync"/> was called, read from the time provider's timestamps.
/// Events are therefore up to one tick late (10 ms by default). The instance holds no run state: several runs may
/// use it at once. Each run calls its <see cref="IConnectionSlots"/> from one thread at a time.
/// </remarks>
internal sealed class ConnectionScheduler
{
    /// <summary>The default wake-up period.</summary>
    public static readonly TimeSpan DefaultTick = TimeSpan.FromMilliseconds(10);

    private readonly TimeProvider timeProvider;
    private readonly TimeSpan tick;

    public ConnectionScheduler(TimeProvider timeProvider, TimeSpan? tick = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.tick = tick ?? DefaultTick;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(this.tick, TimeSpan.Zero, nameof(tick));
        this.timeProvider = timeProvider;
    }

    /// <summary>
    /// Opens and closes <paramref name="slots"/> as <paramref name="plan"/> says until its end. The clock starts when
    /// this is called, and slots due at zero are opened before it returns.
    /// </summary>
    /// <returns>
    /// A task that completes when every slot has been opened and closed, or soon after <paramref name="ct"/> is
    /// cancelled. Cancellation is not an error: the task then completes normally (it never throws
    /// <see cref="OperationCanceledException"/>), no further slot is opened or closed, and the caller closes
    /// whatever is still open. An exception thrown by <paramref name="slots"/> faults the task.
    /// </returns>
    /// <remarks>
    /// With a <paramref name="gate"/>, a live checkpoint may hold the ramp or ramp the run down while it goes (see
    /// <see cref="RampGate"/>); the scheduler wakes when the gate changes.
    /// </remarks>
    public Task RunAsync(ConnectionPlan plan, IConnectionSlots slots, CancellationToken ct, RampGate? gate = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(slots);
        var run = new Run(plan, slots, timeProvider.GetTimestamp(), gate);
        try
        {
            var wake = gate?.WakeToken ?? CancellationToken.None; // read before the catch-up: a change after it cancels this one
            if (ct.IsCancellationRequested || run.CatchUp(timeProvider, ct))
            {
                gate?.Complete();
                return Task.CompletedTask;
            }

            // The first wait is created before this returns, so a test that advances a fake clock right after is seen.
            return RunUntilEndAsync(run, wake, ct);
        }
        catch (Exception error)
        {
            gate?.Complete();
            return Task.FromException(error); // the same contract as a failure on a later tick
        }
    }

    private async Task RunUntilEndAsync(Run run, CancellationToken wake, CancellationToken ct)
    {
        try
        {
            do
            {
                var untilNext = run.NextEventAt() - timeProvider.GetElapsedTime(run.StartTimestamp);
                await SleepAsync(untilNext > tick ? untilNext : tick, wake, ct);

                // Read before the catch-up, so that a pause, resume or ramp-down asked for during it wakes the next sleep.
                wake = run.Gate?.WakeToken ?? CancellationToken.None;
            }
            while (!run.CatchUp(timeProvider, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancellation ends the run normally; see RunAsync.
        }
        finally
        {
            run.Gate?.Complete(); // a ramp-down asked for from now on has nothing to act on
        }
    }

    /// <summary>Sleeps for <paramref name="delay"/>, or until <paramref name="wake"/> (the gate changed).</summary>
    private async Task SleepAsync(TimeSpan delay, CancellationToken wake, CancellationToken ct)
    {
        if (!wake.CanBeCanceled)
        {
            await Task.Delay(delay, timeProvider, ct);
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, wake);
        try
        {
            await Task.Delay(delay, timeProvider, either.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The gate changed: look again now.
        }
    }

    /// <summary>The progress of one run: the next slot to open and the next to close, in plan order.</summary>
    private sealed class Run(ConnectionPlan plan, IConnectionSlots slots, long startTimestamp, RampGate? gate)
    {
        private int opened;
        private int closed;

        public long StartTimestamp => startTimestamp;

        public RampGate? Gate => gate;

        /// <summary>When the next slot opens or closes, or the plan ends, whichever comes first.</summary>
        public TimeSpan NextEventAt()
        {
            var next = plan.End;
            if (opened < plan.SlotCount && NextOpenAt() is { } openAt && openAt < next)
            {
                next = openAt;
            }

            if (closed < plan.SlotCount && plan.CloseAt(plan.SlotClosingAt(closed)) < next)
            {
                next = plan.CloseAt(plan.SlotClosingAt(closed));
            }

            return next;
        }

        /// <summary>Does everything due by now; true when the plan is over (or cancelled, which stops it mid-way).</summary>
        public bool CatchUp(TimeProvider timeProvider, CancellationToken ct)
        {
            var now = timeProvider.GetElapsedTime(startTimestamp);
            var rampNow = gate is null ? now : gate.RampTime(now, plan.HoldEnd);
            var openUntil = rampNow is { } rampTime ? plan.OpenedBy(rampTime) : opened;
            while (opened < openUntil)
            {
                if (ct.IsCancellationRequested)
                {
                    return true;
                }

                slots.Open(opened++);
            }

            // Every close time is at or after every open time, so a slot closed here was opened above at the latest.
            var closeUntil = plan.ClosedBy(now);
            while (closed < closeUntil)
            {
                if (ct.IsCancellationRequested)
                {
                    return true;
                }

                slots.Close(plan.SlotClosingAt(closed++));
            }

            if (gate?.TakeRampDown() is { } rampDown)
            {
                RampDown(rampDown);
            }

            return now >= plan.End;
        }

        /// <summary>When the next slot opens by the gate's clock; null when none will open until the gate changes.</summary>
        private TimeSpan? NextOpenAt()
        {
            if (gate is null)
            {
                return plan.OpenAt(opened);
            }

            if (gate.IsPaused || gate.IsStopped)
            {
                return null;
            }

            var at = plan.OpenAt(opened) + gate.PausedFor;
            return gate.PausedFor > TimeSpan.Zero && at >= plan.HoldEnd ? null : at;
        }

        /// <summary>Closes the latest-opened connections still open: the share or count asked for.</summary>
        private void RampDown(RampDownRequest request)
        {
            var closedByPlan = new HashSet<int>();
            for (var j = 0; j < closed; j++)
            {
                closedByPlan.Add(plan.SlotClosingAt(j));
            }

            var open = new List<int>();
            for (var slot = opened - 1; slot >= 0; slot--)
            {
                if (!closedByPlan.Contains(slot) && slots.IsOpen(slot))
                {
                    open.Add(slot);
                }
            }

            var count = request.CountToClose(open.Count);
            for (var i = 0; i < count; i++)
            {
                slots.CloseEarly(open[i]);
            }

            request.Done.TrySetResult(new RampDownOutcome(count, open.Count));
        }
    }
}
