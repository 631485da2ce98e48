using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using WsLoad.Results;

namespace WsLoad.Metrics;

/// <summary>
/// Counts every failure by class and keeps the first <see cref="DetailLimit"/> in detail, so memory stays bounded
/// however long the run. Thread-safe.
/// </summary>
internal sealed class FailureLog
{
    public const int DetailLimit = 200;

    private readonly ConcurrentDictionary<string, StrongBox<long>> _byClass = new(StringComparer.Ordinal);
    private readonly List<FailureEvent> _details = [];
    private long _undetailed;

    public void Record(string failureClass, double atSeconds, int connectionId, string message)
    {
        var box = _byClass.GetOrAdd(failureClass, static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
        lock (_details)
        {
            if (_details.Count < DetailLimit)
            {
                _details.Add(new FailureEvent { AtSeconds = Math.Round(atSeconds, 3), Class = failureClass, ConnectionId = connectionId, Message = message });
                return;
            }
        }

        Interlocked.Increment(ref _undetailed);
    }

    public Dictionary<string, long> CountsByClass() =>
        _byClass.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Volatile.Read(ref p.Value.Value), StringComparer.Ordinal);

    public IReadOnlyList<FailureEvent> Details()
    {
        lock (_details)
        {
            return [.. _details];
        }
    }

    public long Undetailed => Volatile.Read(ref _undetailed);

    /// <summary>The most counted class and the first message kept for it, as <c>class: message</c>; "" when none.</summary>
    public string MostCommon()
    {
        var top = CountsByClass().OrderByDescending(p => p.Value).Select(p => p.Key).FirstOrDefault();
        if (top is null)
        {
            return "";
        }

        var first = Details().FirstOrDefault(e => e.Class == top);
        return first is null ? top : $"{top}: {first.Message}";
    }
}
