namespace WsLoad.Sinks.Prometheus;

/// <summary>
/// Splits each interval's total (all messages received, say) among its labelled parts (per message type) so that
/// the parts published always add up to the totals exactly: a query's <c>sum()</c> over the label then equals the
/// run's own count. The engine counts a message's total and its part one after the other, so an interval can see a
/// part's count before its total's; a part is then owed and published from a later interval's total instead of
/// overshooting. What no part claims (messages of no type, such as unsolicited pushes) goes to the remainder label.
/// Not thread-safe: one per sink, used from the sink's task.
/// </summary>
internal sealed class ExactSplit(string remainderLabel)
{
    private readonly SortedDictionary<string, long> _owed = new(StringComparer.Ordinal);

    /// <summary>Counts to publish for this interval, by label; they add up to <paramref name="total"/> (when positive).</summary>
    public IReadOnlyDictionary<string, long> Split(long total, IEnumerable<KeyValuePair<string, long>> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        foreach (var (label, count) in parts)
        {
            if (count > 0)
            {
                _owed[label] = _owed.GetValueOrDefault(label) + count;
            }
        }

        var left = Math.Max(total, 0);
        var published = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var label in _owed.Keys.ToList())
        {
            var give = Math.Min(_owed[label], left);
            left -= give;
            _owed[label] -= give;
            if (_owed[label] == 0)
            {
                _owed.Remove(label);
            }

            if (give > 0)
            {
                published[label] = give;
            }
        }

        if (left > 0)
        {
            published[remainderLabel] = published.GetValueOrDefault(remainderLabel) + left;
        }

        return published;
    }
}
