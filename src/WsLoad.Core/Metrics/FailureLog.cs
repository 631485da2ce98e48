using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using WsLoad.Results;

namespace WsLoad.Metrics;

/// <summary>
/// Counts every failure by class and keeps two bounded sets in detail: the first <see cref="DetailLimit"/> failures
/// (<see cref="Details"/>), and a uniform random sample of at most <see cref="SampleLimit"/> of the failures after
/// them (<see cref="Samples"/>, reservoir sampling, Vitter's Algorithm R): every later failure is equally likely to be
/// kept, whether it came a second or an hour into the run. Besides, the first <see cref="IntervalLimit"/> failures of
/// each interval go with that interval's snapshot (<see cref="TakeInterval"/>), for live views. Memory stays bounded
/// however long the run.
/// </summary>
/// <remarks>
/// Thread-safe: counts are lock-free; the details and the sample change under one lock, which also guards the
/// <see cref="Random"/> (not thread-safe itself). Pass a seeded one to make the sample reproducible.
/// </remarks>
internal sealed class FailureLog
{
    public const int DetailLimit = 200;

    public const int SampleLimit = 200;

    /// <summary>How many failures of one interval its snapshot carries.</summary>
    public const int IntervalLimit = IntervalSnapshot.MaxFailures;

    private readonly ConcurrentDictionary<string, StrongBox<long>> _byClass = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly int _detailLimit;
    private readonly int _sampleLimit;
    private readonly Random _random;
    private readonly List<FailureEvent> _details = [];
    private readonly List<(long Index, FailureEvent Failure)> _samples = [];
    private List<FailureEvent> _interval = [];
    private long _undetailed;

    public FailureLog()
        : this(DetailLimit, SampleLimit, new Random())
    {
    }

    /// <param name="detailLimit">How many of the first failures to keep.</param>
    /// <param name="sampleLimit">The reservoir's size: how many of the later failures to keep.</param>
    /// <param name="random">Chooses the sample; used under the log's lock.</param>
    public FailureLog(int detailLimit, int sampleLimit, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(detailLimit);
        ArgumentOutOfRangeException.ThrowIfNegative(sampleLimit);
        ArgumentNullException.ThrowIfNull(random);
        _detailLimit = detailLimit;
        _sampleLimit = sampleLimit;
        _random = random;
    }

    public void Record(string failureClass, double atSeconds, int connectionId, string message)
    {
        var box = _byClass.GetOrAdd(failureClass, static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
        var failure = new FailureEvent { AtSeconds = Math.Round(atSeconds, 3), Class = failureClass, ConnectionId = connectionId, Message = message };
        lock (_lock)
        {
            if (_interval.Count < IntervalLimit)
            {
                _interval.Add(failure);
            }

            if (_details.Count < _detailLimit)
            {
                _details.Add(failure);
                return;
            }

            // Algorithm R over the failures after the first ones: the n-th of them (from 0) takes a random slot with
            // probability limit / (n + 1), so after m of them each is kept with probability limit / m.
            var index = _undetailed;
            Volatile.Write(ref _undetailed, index + 1);
            if (_samples.Count < _sampleLimit)
            {
                _samples.Add((index, failure));
                return;
            }

            var slot = _random.NextInt64(index + 1);
            if (slot < _sampleLimit)
            {
                _samples[(int)slot] = (index, failure);
            }
        }
    }

    /// <summary>The first failures recorded since the last call (at most <see cref="IntervalLimit"/>), in order.</summary>
    public IReadOnlyList<FailureEvent> TakeInterval()
    {
        lock (_lock)
        {
            if (_interval.Count == 0)
            {
                return [];
            }

            var taken = _interval;
            _interval = [];
            return taken;
        }
    }

    public Dictionary<string, long> CountsByClass() =>
        _byClass.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Volatile.Read(ref p.Value.Value), StringComparer.Ordinal);

    /// <summary>The first failures, in the order they were recorded.</summary>
    public IReadOnlyList<FailureEvent> Details()
    {
        lock (_lock)
        {
            return [.. _details];
        }
    }

    /// <summary>The uniform sample of the failures after <see cref="Details"/>, in the order they were recorded.</summary>
    public IReadOnlyList<FailureEvent> Samples()
    {
        lock (_lock)
        {
            return [.. _samples.OrderBy(s => s.Index).Select(s => s.Failure)];
        }
    }

    /// <summary>The failures after <see cref="Details"/>: counted, and sampled in <see cref="Samples"/>.</summary>
    public long Undetailed => Volatile.Read(ref _undetailed);

    /// <summary>The most counted class and the first message kept for it, as <c>class: message</c>; "" when none.</summary>
    public string MostCommon()
    {
        var top = CountsByClass().OrderByDescending(p => p.Value).Select(p => p.Key).FirstOrDefault();
        if (top is null)
        {
            return "";
        }

        var first = Details().Concat(Samples()).FirstOrDefault(e => e.Class == top);
        return first is null ? top : $"{top}: {first.Message}";
    }
}
