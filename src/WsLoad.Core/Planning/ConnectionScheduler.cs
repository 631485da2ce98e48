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
    public Task RunAsync(ConnectionPlan plan, IConnectionSlots slots, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(slots);
        var run = new Run(plan, slots, timeProvider.GetTimestamp());
        try
        {
            if (ct.IsCancellationRequested || run.CatchUp(timeProvider, ct))
            {
                return Task.CompletedTask;
            }
        }
        catch (Exception error)
        {
            return Task.FromException(error); // the same contract as a failure on a later tick
        }

        // The first wait is created before this returns, so a test that advances a fake clock right after is seen.
        return RunUntilEndAsync(run, ct);
    }

    private async Task RunUntilEndAsync(Run run, CancellationToken ct)
    {
        try
        {
            do
            {
                var untilNext = run.NextEventAt() - timeProvider.GetElapsedTime(run.StartTimestamp);
                await Task.Delay(untilNext > tick ? untilNext : tick, timeProvider, ct);
            }
            while (!run.CatchUp(timeProvider, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancellation ends the run normally; see RunAsync.
        }
    }

    /// <summary>The progress of one run: the next slot to open and the next to close, in plan order.</summary>
    private sealed class Run(ConnectionPlan plan, IConnectionSlots slots, long startTimestamp)
    {
        private int opened;
        private int closed;

        public long StartTimestamp => startTimestamp;

        /// <summary>When the next slot opens or closes, or the plan ends, whichever comes first.</summary>
        public TimeSpan NextEventAt()
        {
            var next = plan.End;
            if (opened < plan.SlotCount && plan.OpenAt(opened) < next)
            {
                next = plan.OpenAt(opened);
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
            var openUntil = plan.OpenedBy(now);
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

            return now >= plan.End;
        }
    }
}
