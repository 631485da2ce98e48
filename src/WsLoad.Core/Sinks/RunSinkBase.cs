using System.Threading.Channels;
using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Sinks;

/// <summary>
/// The plumbing of a live sink: <see cref="OnInterval"/> only puts the snapshot in a bounded queue (when the queue is
/// full the snapshot is dropped and counted, so a slow sink never holds the run up), and a task of the sink's own hands
/// the queue to <see cref="HandleIntervalAsync"/> one at a time, in order. What the handler throws is counted in
/// <see cref="Health"/> and the next interval is handled as usual.
/// Threading: <see cref="OnInterval"/> from one thread at a time; the handlers run on the sink's task, never concurrently.
/// </summary>
#pragma warning disable CA1001 // _abandoned has no timer or wait handle to free; a sink lives as long as its run.
public abstract class RunSinkBase : IRunSink
#pragma warning restore CA1001
{
    /// <summary>Intervals a sink may fall behind before they are dropped: a minute of a run.</summary>
    public const int DefaultQueueCapacity = 60;

    private readonly Channel<IntervalSnapshot> _queue;
    private readonly CancellationTokenSource _abandoned = new();
    private readonly Lock _startLock = new();
    private Task? _consumer;
    private long _delivered;
    private long _dropped;
    private long _failed;
    private string? _lastError;

    protected RunSinkBase(int queueCapacity = DefaultQueueCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queueCapacity, 1);
        _queue = Channel.CreateBounded<IntervalSnapshot>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refused, not waited for
            SingleReader = true,
            SingleWriter = true,
        });
    }

    public abstract string Name { get; }

    /// <summary>How the sink has fared so far.</summary>
    public SinkHealth Health => new()
    {
        Name = Name,
        Delivered = Interlocked.Read(ref _delivered),
        Dropped = Interlocked.Read(ref _dropped),
        Failed = Interlocked.Read(ref _failed),
        LastError = Volatile.Read(ref _lastError),
        Finished = _consumer is null || _consumer.IsCompleted,
        Sends = Sends,
        Samples = Samples,
    };

    /// <summary>For a sink that sends messages elsewhere (webhooks), how they have fared so far; null by default.</summary>
    protected virtual SinkSends? Sends => null;

    /// <summary>For a sink that writes samples to a time-series store, what became of them so far; null by default.</summary>
    protected virtual SinkSamples? Samples => null;

    public void OnInterval(IntervalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        EnsureStarted();
        if (!_queue.Writer.TryWrite(snapshot))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Waits for the queued intervals to be handled, then hands over the result.</summary>
    public async Task OnEndAsync(RunResult result, CancellationToken cancellationToken)
    {
        if (await DrainAsync(cancellationToken))
        {
            await HandleEndAsync(result, cancellationToken);
        }
    }

    /// <summary>
    /// Takes no more intervals and waits until those queued are handled; false when <paramref name="cancellationToken"/>
    /// ends the wait first (the handler is then asked to stop, and the sink is reported unfinished).
    /// </summary>
    public async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        var consumer = EnsureStarted();
        await consumer.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!consumer.IsCompleted)
        {
            await _abandoned.CancelAsync();
            return false;
        }

        return true;
    }

    /// <summary>Handles one interval; <paramref name="cancellationToken"/> fires when the run stops waiting for this sink.</summary>
    protected abstract ValueTask HandleIntervalAsync(IntervalSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>
    /// The run sends no more intervals: called once on the sink's task after the last one is handled, before the run
    /// reads <see cref="Health"/> for its result, so a sink that batches can send its last batch here.
    /// <paramref name="cancellationToken"/> fires when the run stops waiting for this sink. Nothing by default.
    /// </summary>
    protected virtual Task HandleIntervalsEndedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Handles the run's result, after the last interval. Nothing by default.</summary>
    protected virtual Task HandleEndAsync(RunResult result, CancellationToken cancellationToken) => Task.CompletedTask;

    private Task EnsureStarted()
    {
        lock (_startLock)
        {
            // Started on first use rather than in the constructor, so a derived class is whole before its handler runs.
            return _consumer ??= Task.Run(ConsumeAsync, CancellationToken.None);
        }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var snapshot in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (_abandoned.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await HandleIntervalAsync(snapshot, _abandoned.Token);
                Interlocked.Increment(ref _delivered);
            }
#pragma warning disable CA1031 // Whatever a sink throws is its own trouble, counted in its health; the run goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref _failed);
                Volatile.Write(ref _lastError, $"{exception.GetType().Name}: {exception.Message}");
            }
        }

        if (_abandoned.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await HandleIntervalsEndedAsync(_abandoned.Token);
        }
#pragma warning disable CA1031 // As for an interval: counted in the sink's health, never the run's trouble.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _failed);
            Volatile.Write(ref _lastError, $"{exception.GetType().Name}: {exception.Message}");
        }
    }
}
