namespace WsLoad.Metrics;

/// <summary>
/// Merges the snapshots that several processes took of the same interval into one, each field by one rule, stated
/// here and nowhere else:
/// <list type="bullet">
/// <item>counters, error classes, handshake statuses and close codes sum;</item>
/// <item>histograms add bucket by bucket (exact: percentiles are never averaged);</item>
/// <item>open and target connections sum, since every process reports them at the same interval's end; the run's peak
/// is then the peak of that summed count, never a sum of the processes' peaks;</item>
/// <item>drop times, failures and events are joined, in time order (drop times and failures keep the earliest
/// <see cref="IntervalSnapshot.MaxDropTimes"/> and <see cref="IntervalSnapshot.MaxFailures"/>);</item>
/// <item>the interval spans from the earliest start to the latest end, and takes the phase at that end;</item>
/// <item>each process's health is kept as its own, never summed;</item>
/// <item>broadcast records are joined, deliveries of one message summed (<see cref="Fanout.FanoutInterval.Merge"/>).</item>
/// </list>
/// </summary>
public static class IntervalSnapshotMerge
{
    /// <exception cref="ArgumentException">No parts, or parts of different intervals.</exception>
    public static IntervalSnapshot Merge(IReadOnlyList<IntervalSnapshot> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("Nothing to merge.", nameof(parts));
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        var index = parts[0].Index;
        if (parts.Any(p => p.Index != index))
        {
            throw new ArgumentException($"Only snapshots of one interval merge; got intervals {string.Join(", ", parts.Select(p => p.Index).Distinct())}.", nameof(parts));
        }

        var last = parts.MaxBy(p => p.EndSeconds)!;
        return new IntervalSnapshot
        {
            Index = index,
            StartSeconds = parts.Min(p => p.StartSeconds),
            EndSeconds = last.EndSeconds,
            Phase = last.Phase,
            TargetConnections = parts.Sum(p => p.TargetConnections),
            OpenConnections = parts.Sum(p => p.OpenConnections),
            Counters = parts.Aggregate(default(SnapshotCounters), (sum, p) => sum + p.Counters),
            Histograms = SumByKey(parts.Select(p => p.Histograms), (a, b) => a.Add(b)),
            MessageTypes = SumByKey(parts.Select(p => p.MessageTypes), Add),
            ErrorsByClass = SumByKey(parts.Select(p => p.ErrorsByClass), (a, b) => a + b),
            HandshakeStatuses = SumByKey(parts.Select(p => p.HandshakeStatuses), (a, b) => a + b),
            CloseCodes = SumByKey(parts.Select(p => p.CloseCodes), (a, b) => a + b),
            DropTimes = [.. parts.SelectMany(p => p.DropTimes).Order().Take(IntervalSnapshot.MaxDropTimes)],
            Events = [.. parts.SelectMany(p => p.Events).OrderBy(e => e.AtSeconds)],
            Failures = [.. parts.SelectMany(p => p.Failures).OrderBy(f => f.AtSeconds).Take(IntervalSnapshot.MaxFailures)],
            Fanout = Fanout.FanoutInterval.Merge(parts.Select(p => p.Fanout)),
            Processes = [.. parts.SelectMany(p => p.Processes)],
        };
    }

    /// <summary>One message type's figures of two parts added.</summary>
    public static MessageTypeInterval Add(MessageTypeInterval a, MessageTypeInterval b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new MessageTypeInterval { Sent = a.Sent + b.Sent, Received = a.Received + b.Received, Bytes = a.Bytes + b.Bytes, Rtt = a.Rtt.Add(b.Rtt) };
    }

    /// <summary>The union of the dictionaries' keys (in ordinal order), each key's values combined with <paramref name="add"/>.</summary>
    internal static Dictionary<string, T> SumByKey<T>(IEnumerable<IReadOnlyDictionary<string, T>> dictionaries, Func<T, T, T> add)
    {
        var sum = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var dictionary in dictionaries)
        {
            foreach (var (key, value) in dictionary)
            {
                sum[key] = sum.TryGetValue(key, out var before) ? add(before, value) : value;
            }
        }

        return new Dictionary<string, T>(sum, StringComparer.Ordinal);
    }
}
