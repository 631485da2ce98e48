using HdrHistogram;
using WsLoad.Fanout;
using WsLoad.Metrics;

namespace WsLoad.Results;

/// <summary>
/// The broadcast part of the fold: each interval's fan-out record goes to the <see cref="FanoutLedger"/>, and what it
/// resolves is added up here, by channel and by the second the message was published (filled into the series).
/// </summary>
public sealed partial class RunResultBuilder
{
    private FanoutLedger? _ledger;
    private FanoutTotals? _fanout;
    private long _lastFanoutCut;

    private void AddFanout(IntervalSnapshot snapshot)
    {
        if (snapshot.Fanout is not { } interval)
        {
            return;
        }

        _ledger ??= new FanoutLedger(_messageTimeout, _senderReceives);
        _fanout ??= new FanoutTotals(interval.TimestampFrequency);
        _lastFanoutCut = Math.Max(_lastFanoutCut, interval.CutTimestamp);
        _fanout.Add(interval);
        Fold(_ledger.Add(snapshot.Index, interval));
    }

    /// <summary>The run's fan-out: what is still pending is resolved against the last cut first. Null when the run had no broadcast.</summary>
    private FanoutSummary? BuildFanout()
    {
        if (_ledger is null || _fanout is null)
        {
            return null;
        }

        Fold(_ledger.Finish(_lastFanoutCut));
        return _fanout.Summarize(_ledger.PeakSubscribers, _histograms.GetValueOrDefault(HistogramNames.Fanout, HistogramCounts.Empty)) with
        {
            LateDeliveries = _ledger.LateDeliveries,
        };
    }

    /// <summary>The histogram of publish to last arrival, for run.json's histograms block.</summary>
    private HistogramCounts? FanoutCompleteHistogram => _fanout is null ? null : HistogramCounts.From(_fanout.Complete);

    private void Fold(IReadOnlyList<ResolvedMessage> resolved)
    {
        foreach (var message in resolved)
        {
            _fanout!.Add(message);
            if (message.PublishedInterval >= 0 && message.PublishedInterval < _series.Count && !message.Unpublished && !message.CutShort)
            {
                var sample = _series[message.PublishedInterval];
                _series[message.PublishedInterval] = sample with
                {
                    FanoutDue = (sample.FanoutDue ?? 0) + message.Due,
                    FanoutDelivered = (sample.FanoutDelivered ?? 0) + Math.Min(message.Due, message.Delivered),
                };
            }
        }
    }

    private sealed class FanoutTotals(long frequency)
    {
        private readonly Dictionary<string, ChannelTotals> _channels = new(StringComparer.Ordinal);
        private long _published;
        private long _due;
        private long _delivered;
        private long _missing;
        private long _unresolved;
        private long _unexpected;
        private long _excess;
        private long _messagesDue;
        private long _fullReach;
        private double? _minReach;

        public LongHistogram Complete { get; } = LatencyRecorder.NewHistogram();

        public void Add(FanoutInterval interval)
        {
            _published += interval.Published.Count;
            _unexpected += interval.Unexpected;
            foreach (var message in interval.Published)
            {
                var channel = Channel(message.Channel);
                channel.Published++;
                channel.Publishers.Add(message.Publisher);
            }
        }

        public void Add(ResolvedMessage message)
        {
            if (message.Unpublished)
            {
                _excess += message.Delivered;
                return;
            }

            var delivered = Math.Min(message.Due, message.Delivered);
            _excess += message.Excess;
            if (message.CutShort)
            {
                // Published within the timeout of the run's end: neither due nor missing, and not in the reach.
                _unresolved += message.Due - delivered;
                return;
            }

            var channel = Channel(message.Channel);
            channel.Due += message.Due;
            channel.Delivered += delivered;
            channel.Missing += message.Missing;
            _due += message.Due;
            _delivered += delivered;
            _missing += message.Missing;

            if (message.Due == 0)
            {
                return;
            }

            _messagesDue++;
            var reach = 100.0 * delivered / message.Due;
            _minReach = Math.Min(_minReach ?? 100, reach);
            if (delivered == message.Due)
            {
                _fullReach++;
                var micros = (long)((message.LastArrivalTimestamp - message.SentTimestamp) * 1_000_000.0 / frequency);
                Complete.RecordValue(Math.Clamp(micros, 0, LatencyRecorder.HighestTrackableMicros));
            }
        }

        public FanoutSummary Summarize(IReadOnlyDictionary<string, int> peakSubscribers, HistogramCounts latency) => new()
        {
            Published = _published,
            Due = _due,
            Delivered = _delivered,
            Missing = _missing,
            ReachPercent = _due == 0 ? null : Math.Round(100.0 * _delivered / _due, 4),
            MinMessageReachPercent = _minReach is { } min ? Math.Round(min, 4) : null,
            MessagesAtFullReach = _fullReach,
            MessagesDue = _messagesDue,
            Unresolved = _unresolved,
            Unexpected = _unexpected,
            Excess = _excess,
            LatencyMs = latency.TotalCount == 0 ? null : LatencyStatistics.Summarize(latency.ToHistogram()),
            CompleteMs = LatencyStatistics.Summarize(Complete),
            Channels =
            [
                .. _channels.Keys.Union(peakSubscribers.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(name =>
                {
                    var channel = _channels.GetValueOrDefault(name) ?? new ChannelTotals();
                    return new FanoutChannelSummary
                    {
                        Channel = name,
                        PeakSubscribers = peakSubscribers.GetValueOrDefault(name),
                        Publishers = channel.Publishers.Count,
                        Published = channel.Published,
                        Due = channel.Due,
                        Delivered = channel.Delivered,
                        Missing = channel.Missing,
                    };
                }),
            ],
        };

        private ChannelTotals Channel(string name)
        {
            if (!_channels.TryGetValue(name, out var channel))
            {
                _channels[name] = channel = new ChannelTotals();
            }

            return channel;
        }

        private sealed class ChannelTotals
        {
            public HashSet<int> Publishers { get; } = [];

            public long Published { get; set; }

            public long Due { get; set; }

            public long Delivered { get; set; }

            public long Missing { get; set; }
        }
    }
}
