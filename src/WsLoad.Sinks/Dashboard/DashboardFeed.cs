using System.Globalization;
using System.Text;

namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// The dashboard's memory and its broadcast: the current run's events from its start (its <c>run</c> event, each
/// second's <c>point</c>, then <c>summary</c> and <c>report</c>), replayed to every page that opens or reconnects, and
/// sent on to every open page as they come. A suite's next run starts a new log; the runs before it are kept as one
/// line each (verdict and report). Memory is bounded: at most <see cref="MaxPoints"/> seconds of a run are kept, the
/// oldest dropped first (the page says so; run.json and the report have the whole run).
/// Threading: every member may be called from any thread; one lock keeps the log and the broadcast in one order.
/// </summary>
internal sealed class DashboardFeed
{
    /// <summary>Six hours of seconds (a few MB of JSON).</summary>
    public const int DefaultMaxPoints = 6 * 3600;

    private readonly Lock _lock = new();
    private readonly Queue<DashboardMessage> _points = new();
    private readonly HashSet<DashboardSubscriber> _subscribers = [];
    private readonly List<DashboardEarlierRun> _earlier = [];
    private readonly Dictionary<int, string> _reports = [];
    private long _lastId;
    private int _currentRun;
    private string _currentName = "";
    private DashboardMessage? _run;
    private DashboardMessage? _summary;
    private DashboardSummary? _summaryValue;
    private DashboardMessage? _report;
    private bool _closed;

    public DashboardFeed(int maxPoints = DefaultMaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        MaxPoints = maxPoints;
    }

    public int MaxPoints { get; }

    /// <summary>Pages dropped for falling too far behind (each reconnects on its own).</summary>
    public long DroppedSubscribers { get; private set; }

    /// <summary>Starts a new run's log (the one before is kept as a line of <see cref="DashboardRunInfo.Earlier"/>) and tells every page.</summary>
    public void BeginRun(int number, LiveRun run)
    {
        lock (_lock)
        {
            if (_run is not null && _currentRun != number)
            {
                _earlier.Add(new DashboardEarlierRun(_currentRun, _currentName, _summaryValue?.Verdict, _summaryValue?.Kind, _reports.ContainsKey(_currentRun) ? ReportUrl(_currentRun) : null));
            }

            _currentRun = number;
            _currentName = run.Name;
            _points.Clear();
            _summary = _report = null;
            _summaryValue = null;
            _run = Publish(DashboardMessage.Run, DashboardJson.Serialize(DashboardRunInfo.Of(number, run, MaxPoints) with { Earlier = [.. _earlier] }));
        }
    }

    /// <summary>One more second of run <paramref name="number"/>; ignored once another run has begun.</summary>
    public void AddPoint(int number, DashboardPoint point)
    {
        var json = DashboardJson.Serialize(point); // outside the lock: the only costly part
        lock (_lock)
        {
            if (number != _currentRun)
            {
                return;
            }

            _points.Enqueue(Publish(DashboardMessage.Point, json));
            while (_points.Count > MaxPoints)
            {
                _points.Dequeue();
            }
        }
    }

    public void End(int number, DashboardSummary summary)
    {
        var json = DashboardJson.Serialize(summary);
        lock (_lock)
        {
            if (number == _currentRun)
            {
                _summaryValue = summary;
                _summary = Publish(DashboardMessage.Summary, json);
            }
        }
    }

    /// <summary>Run <paramref name="number"/>'s HTML report is written at <paramref name="path"/>: served, and linked from the page.</summary>
    public void ReportWritten(int number, string path)
    {
        lock (_lock)
        {
            _reports[number] = path;
            if (number == _currentRun)
            {
                _report = Publish(DashboardMessage.Report, DashboardJson.Serialize(new DashboardReportLink(number, ReportUrl(number))));
            }
        }
    }

    /// <summary>The HTML report of run <paramref name="number"/>, or of the latest run that has one; null before any is written.</summary>
    public string? ReportPath(int? number)
    {
        lock (_lock)
        {
            return number is { } n ? _reports.GetValueOrDefault(n) : _reports.Count == 0 ? null : _reports[_reports.Keys.Max()];
        }
    }

    /// <summary>
    /// A new page: the events it has not seen (all of the current run's, or those after <paramref name="lastEventId"/>
    /// when it saw part of this run), and its queue for what follows.
    /// </summary>
    public (IReadOnlyList<DashboardMessage> Replay, DashboardSubscriber Subscriber) Subscribe(long? lastEventId)
    {
        var subscriber = new DashboardSubscriber();
        lock (_lock)
        {
            var log = Log();
            var replay = lastEventId is { } last && _run is not null && last >= _run.Id ? log.Where(m => m.Id > last).ToList() : log;
            if (_closed)
            {
                subscriber.End();
            }
            else
            {
                _subscribers.Add(subscriber);
            }

            return (replay, subscriber);
        }
    }

    public void Unsubscribe(DashboardSubscriber subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
        }
    }

    /// <summary>Everything so far as one JSON document: <c>{"run":…,"points":[…],"summary":…,"report":…}</c>.</summary>
    public string StateJson()
    {
        lock (_lock)
        {
            var json = new StringBuilder("{\"run\":").Append(_run?.Data ?? "null").Append(",\"points\":[");
            json.AppendJoin(',', _points.Select(p => p.Data));
            return json.Append("],\"summary\":").Append(_summary?.Data ?? "null")
                .Append(",\"report\":").Append(_report?.Data ?? "null")
                .Append(",\"lastEventId\":").Append(_lastId.ToString(CultureInfo.InvariantCulture)).Append('}').ToString();
        }
    }

    /// <summary>Ends every page's stream; pages that connect afterwards get the log and an ended stream.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            foreach (var subscriber in _subscribers)
            {
                subscriber.End();
            }

            _subscribers.Clear();
        }
    }

    public static string ReportUrl(int number) => "report/" + number.ToString(CultureInfo.InvariantCulture);

    private List<DashboardMessage> Log() =>
        [.. new[] { _run }.OfType<DashboardMessage>(), .. _points, .. new[] { _summary, _report }.OfType<DashboardMessage>()];

    // Under the lock: gives the next id and sends to every page, dropping those too far behind.
    private DashboardMessage Publish(string kind, string data)
    {
        var message = new DashboardMessage(++_lastId, kind, data);
        foreach (var subscriber in _subscribers.Where(s => !s.TryOffer(message)).ToList())
        {
            _subscribers.Remove(subscriber);
            DroppedSubscribers++;
        }

        return message;
    }
}
