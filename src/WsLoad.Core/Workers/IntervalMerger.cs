using WsLoad.Metrics;
using WsLoad.Results;

namespace WsLoad.Workers;

/// <summary>
/// The controller's side of the merge: collects each worker's snapshots by interval and hands out an interval, merged,
/// once every worker still running has sent it; so a slow worker delays the merged view, and a finished or dead
/// worker no longer does. Intervals come out in order, each once. Events the controller itself records (a worker lost)
/// ride on the next interval handed out.
/// Threading: one caller at a time.
/// </summary>
internal sealed class IntervalMerger
{
    private readonly SortedDictionary<int, List<IntervalSnapshot>> _pending = [];
    private readonly int[] _lastIndex;
    private readonly bool[] _ended;
    private readonly List<RunEvent> _events = [];
    private int _next;

    public IntervalMerger(int workers)
    {
        _lastIndex = [.. Enumerable.Repeat(-1, workers)];
        _ended = new bool[workers];
    }

    public void Add(int worker, IntervalSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Index < _next)
        {
            return; // an interval already handed out without this worker (it was late past its end): nothing can take it back
        }

        if (!_pending.TryGetValue(snapshot.Index, out var parts))
        {
            _pending[snapshot.Index] = parts = [];
        }

        parts.Add(snapshot);
        _lastIndex[worker] = Math.Max(_lastIndex[worker], snapshot.Index);
    }

    /// <summary>The worker sends nothing more: it finished, or died.</summary>
    public void End(int worker) => _ended[worker] = true;

    public void AddEvent(RunEvent runEvent) => _events.Add(runEvent);

    /// <summary>The intervals every running worker has sent, merged, in order.</summary>
    public IEnumerable<IntervalSnapshot> TakeReady()
    {
        while (_pending.Count > 0 && _pending.First().Key == _next && AllSent(_next))
        {
            yield return TakeNext();
        }
    }

    /// <summary>Whatever is left once every worker has ended, merged, in order (a gap is skipped: nobody measured it).</summary>
    public IEnumerable<IntervalSnapshot> TakeRest()
    {
        while (_pending.Count > 0)
        {
            _next = _pending.First().Key;
            yield return TakeNext();
        }
    }

    private bool AllSent(int index)
    {
        for (var w = 0; w < _ended.Length; w++)
        {
            if (!_ended[w] && _lastIndex[w] < index)
            {
                return false;
            }
        }

        return true;
    }

    private IntervalSnapshot TakeNext()
    {
        var parts = _pending[_next];
        _pending.Remove(_next);
        _next++;
        var merged = IntervalSnapshotMerge.Merge(parts);
        if (_events.Count > 0)
        {
            merged = merged with { Events = [.. merged.Events, .. _events] };
            _events.Clear();
        }

        return merged;
    }
}
