using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Resources;
using WsLoad.Thresholds;

namespace WsLoad.Results;

/// <summary>The end of the fold: the summary, recovery, thresholds and analysis, each computed once, here.</summary>
public sealed partial class RunResultBuilder
{
    /// <summary>
    /// The run's result from everything folded in and each process's final record. Thresholds are judged and the run
    /// analysed here, once, after the fold.
    /// </summary>
    public RunResult Build(RunFrame frame, IReadOnlyList<ProcessFinalRecord> finals)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(finals);
        var lost = finals.Sum(f => f.Unanswered);
        var errors = _errors.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal); // message-lost last, as before
        if (lost > 0)
        {
            errors["message-lost"] = lost;
        }

        var firstAttempt = finals.Select(f => f.FirstAttemptSeconds).Min();
        var lastEstablished = finals.Select(f => f.LastEstablishedSeconds).Max();
        var events = new List<RunEvent>(_events);
        events.AddRange(finals.SelectMany(f => f.Events));
        var reconnectTimes = finals.Aggregate(HistogramCounts.Empty, (sum, f) => sum.Add(f.ReconnectTimes));
        var recovery = Recovery(frame, ProcessSummaryMerge.Recovery(finals, reconnectTimes), lastEstablished, events);
        var fanout = BuildFanout();
        var summary = new RunSummary
        {
            Fanout = fanout,
            Push = BuildPush(frame.Scenario),
            Recovery = recovery,
            Retry = ProcessSummaryMerge.Retry(finals),
            Connections = new ConnectionSummary
            {
                Attempted = _counters.ConnectsAttempted,
                Established = _counters.ConnectsEstablished,
                Failed = _counters.ConnectsFailed,
                Dropped = _counters.Dropped,
                ClosedNormally = _counters.ClosedNormally,
                Peak = _peakOpen,
                ConnectRatePerSec = ConnectRate(_counters.ConnectsEstablished, firstAttempt, lastEstablished),
                LifetimeSeconds = Summarize(_histograms[HistogramNames.Lifetime]), // recorded in ms, so this reads seconds
            },
            Messages = new MessageSummary
            {
                Sent = _counters.Sent,
                Received = _counters.Received,
                Lost = lost,
                UnansweredAtClose = finals.Sum(f => f.UnansweredAtClose),
                Duplicated = _counters.Duplicated,
                OutOfOrder = _counters.OutOfOrder,
                Corrupted = _counters.Corrupted,
                MissedSends = _counters.MissedSends,
                Late = _counters.Late,
                BytesSent = _counters.BytesSent,
                BytesReceived = _counters.BytesReceived,
                ThroughputPerSec = HoldThroughput(frame, lastEstablished),
            },
            Availability = finals.Count == 1 ? finals[0].Availability : MergedAvailability(finals, recovery),
            LatencyMs = new LatencySummaries
            {
                Rtt = Summarize(_histograms[HistogramNames.Rtt]),
                Response = Summarize(_histograms[HistogramNames.Response]),
                Connect = Summarize(_histograms[HistogramNames.Connect]),
                TcpConnect = Summarize(_histograms[HistogramNames.TcpConnect]),
                Tls = Summarize(_histograms[HistogramNames.Tls]),
                Upgrade = Summarize(_histograms[HistogramNames.Upgrade]),
                FirstMessage = Summarize(_histograms[HistogramNames.FirstMessage]),
                CloseHandshake = Summarize(_histograms[HistogramNames.CloseHandshake]),
            },
        };

        var status = frame.Status;
        var reason = frame.StatusReason;
        var phases = PlanPhases.All.Where(_phases.ContainsKey).ToDictionary(p => p.Name(), p => _phases[p].Summarize(), StringComparer.Ordinal);
        var thresholds = ThresholdEvaluator.Evaluate(frame.Scenario.Thresholds, summary, phases);
        if (status == RunStatus.Completed && thresholds.Any(t => !t.Passed))
        {
            status = RunStatus.ThresholdsFailed;
            reason = string.Join("; ", thresholds.Where(t => !t.Passed).Select(t => t.Expression));
        }

        var histograms = new Dictionary<string, string>(StringComparer.Ordinal) { ["reconnect"] = HistogramCodec.Encode(reconnectTimes.ToHistogram()) };
        foreach (var (name, histogram) in _histograms)
        {
            histograms[name] = HistogramCodec.Encode(histogram.ToHistogram());
        }

        if (FanoutCompleteHistogram is { } complete)
        {
            histograms[HistogramNames.FanoutComplete] = HistogramCodec.Encode(complete.ToHistogram());
        }

        var result = new RunResult
        {
            ToolVersion = frame.ToolVersion,
            Scenario = Secrets.SecretRedaction.Scenario(frame.Scenario), // run.json never holds a password
            Environment = frame.Environment,
            StartedAt = frame.StartedAt,
            DurationSeconds = Math.Round(frame.DurationSeconds, 3),
            Status = status,
            StatusReason = reason,
            Summary = summary,
            Thresholds = thresholds,
            Checkpoints = _checkpoints?.Summarize(),
            Series = [.. _series],
            Phases = phases,
            Events = [.. events.OrderBy(e => e.AtSeconds)],
            Sinks = frame.Sinks,
            GeneratorHealth = GeneratorHealthReport.From(_series),
            ErrorsByClass = errors,
            HandshakeStatuses = ByCode(_handshakeStatuses),
            CloseCodes = ByCode(_closeCodes),
            FailureEvents = [.. finals.SelectMany(f => f.FailureEvents).OrderBy(f => f.AtSeconds)],
            FailureEventsDropped = finals.Sum(f => f.FailureEventsDropped),
            FailureSamples = [.. finals.SelectMany(f => f.FailureSamples).OrderBy(f => f.AtSeconds)],
            MessageTypes = _messageTypes.ToDictionary(
                p => p.Key,
                p => new MessageTypeSummary { Sent = p.Value.Sent, Received = p.Value.Received, Bytes = p.Value.Bytes, Rtt = Summarize(p.Value.Rtt) },
                StringComparer.Ordinal),
            Histograms = histograms,
        };
        return result with { Analysis = Analysis.RunAnalyzer.AnalyzeOrNone(result) };
    }

    /// <summary>The push block, from the gaps counted and the push histograms; null unless the run expected pushes.</summary>
    private PushSummary? BuildPush(Scenarios.Scenario scenario)
    {
        if (scenario.Messages.Expect != Scenarios.ExpectMode.Push)
        {
            return null;
        }

        var received = _counters.Received - _counters.Corrupted - _counters.Duplicated;
        var gaps = _counters.SequenceGaps;
        var latency = _histograms.GetValueOrDefault(HistogramNames.PushLatency, HistogramCounts.Empty);
        return new PushSummary
        {
            Received = received,
            Gaps = gaps,
            DeliveredPercent = received + gaps > 0 ? Math.Round(100.0 * received / (received + gaps), 4) : null,
            InterArrivalMs = Summarize(_histograms.GetValueOrDefault(HistogramNames.PushInterval, HistogramCounts.Empty)),
            LatencyMs = Summarize(latency),
            ClockBasis = scenario.Messages.Push?.TimestampField is null ? null : Engine.PushReceiver.Basis,
        };
    }

    /// <summary>
    /// The recovery block: the processes' counts, and the service recovery after each burst of drops, judged on the
    /// merged series against the baseline from the ramp's end (or the last connection established, when later). Each
    /// recovery is also a <c>service-recovered</c> event.
    /// </summary>
    private RecoverySummary? Recovery(RunFrame frame, RecoverySummary? merged, double? lastEstablished, List<RunEvent> events)
    {
        if (merged is not { } recovery)
        {
            return null;
        }

        if (_dropTimes.Count == 0)
        {
            return recovery;
        }

        var baselineFrom = Math.Max(frame.RampUpEndSeconds, lastEstablished ?? 0);
        var services = ServiceRecoveryCalculator.ComputeEach(_series, ServiceRecoveryCalculator.FirstDropByInterval(_series, _dropTimes), baselineFrom, frame.HoldEndSeconds);
        if (services.Count == 0)
        {
            // Drops only after the last interval (while closing): judged as before, never back.
            services = [ServiceRecoveryCalculator.Compute(_series, _dropTimes.Min(), baselineFrom, frame.HoldEndSeconds)];
        }

        for (var burst = 0; burst < services.Count; burst++)
        {
            var service = services[burst];
            if (service.SecondsToRecover is { } took)
            {
                events.Add(new RunEvent
                {
                    AtSeconds = service.BackAtSeconds!.Value,
                    Source = RunEventSource.Client,
                    Kind = "service-recovered",
                    Description = burst == 0
                        ? $"service back {took:0.###} s after the first drop: throughput and rtt p99 within 10% of the pre-fault baseline"
                        : $"service back {took:0.###} s after the drops at {service.FaultAtSeconds:0.###} s (burst {burst + 1}): throughput and rtt p99 within 10% of the pre-fault baseline",
                    DurationSeconds = took,
                });
            }
        }

        return recovery with { Service = services[0], ServiceAfterEachBurst = services };
    }

    // Several processes: their connections' times add up, and their per-connection figures merge; null if one of
    // them did not send its parts (a worker that died). Recoveries and MTTR come from the merged recovery.
    private AvailabilitySummary? MergedAvailability(IReadOnlyList<ProcessFinalRecord> finals, RecoverySummary? recovery) =>
        finals.Count > 0 && finals.All(f => f.AvailabilityParts is not null)
            ? AvailabilityParts.Merge(finals.Select(f => f.AvailabilityParts!)).Summarize(_counters.Dropped, recovery)
            : null;

    /// <summary>Established connections per second, from the first attempt to the last success.</summary>
    private static double ConnectRate(long established, double? first, double? last)
    {
        if (established == 0 || first is not { } from || last is not { } to || to <= from)
        {
            return 0;
        }

        return Math.Round(established / Math.Max(to - from, 0.001), 1);
    }

    /// <summary>
    /// Messages received per second over the whole-second intervals of the hold (the whole run without a hold). The
    /// hold counts from the planned ramp end or from the last connection established, whichever is later, so a late
    /// ramp's backlog of echoes does not flatter the figure.
    /// </summary>
    private double HoldThroughput(RunFrame frame, double? lastEstablished)
    {
        var from = Math.Max(frame.RampUpEndSeconds, lastEstablished ?? 0);
        var to = frame.HoldEndSeconds;
        var inHold = _series.Where(s => s.AtSeconds - 1 >= from - 0.001 && s.AtSeconds <= to + 0.001).ToList();
        if (inHold.Count > 0)
        {
            var seconds = inHold[^1].AtSeconds - (inHold[0].AtSeconds - 1);
            return Math.Round(inHold.Sum(s => s.Received) / seconds, 1);
        }

        return frame.DurationSeconds > 0 ? Math.Round(_counters.Received / frame.DurationSeconds, 1) : 0;
    }

    /// <summary>Counts in one order whatever order they came in (numeric codes by value: 101 before 1000).</summary>
    private static Dictionary<string, long> ByCode(IReadOnlyDictionary<string, long> counts) =>
        counts.OrderBy(p => p.Key.Length).ThenBy(p => p.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
}
