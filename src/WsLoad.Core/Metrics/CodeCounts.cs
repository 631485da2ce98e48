using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace WsLoad.Metrics;

/// <summary>Counts by numeric code (HTTP statuses of upgrades, WebSocket close codes). Thread-safe.</summary>
internal sealed class CodeCounts
{
    private readonly ConcurrentDictionary<int, StrongBox<long>> _counts = new();

    public void Add(int code) => Interlocked.Increment(ref _counts.GetOrAdd(code, static _ => new StrongBox<long>()).Value);

    public Dictionary<string, long> ToDictionary() =>
        _counts.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => Volatile.Read(ref p.Value.Value), StringComparer.Ordinal);
}
