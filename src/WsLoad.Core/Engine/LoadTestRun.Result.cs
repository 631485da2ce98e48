using WsLoad.Metrics;
using WsLoad.Resources;
using WsLoad.Results;
using WsLoad.Thresholds;

namespace WsLoad.Engine;

/// <summary>Builds the run's <see cref="RunResult"/> from what was measured.</summary>
internal sealed partial class LoadTestRun
{
    private RunResult BuildResult(RunStatus status, string? reason)
    {
        var counters = _counters.Snapshot();
        var duration = _time.GetElapsedTime(_start);
        var lost = _traffic.ExpectsReplies ? _sessions.Sum(s => s?.Unanswered ?? 0) : 0;
        var errors = _failures.CountsByClass();
        if (lost > 0)
        {
            errors["message-lost"] = lost;
        }

        var recovery = BuildRecovery();
        var summary = new RunSummary
        {
            Recovery = recovery,
            Retry = _retrier?.Summarize(),
            Connections = new ConnectionSummary
            {
                Attempted = counters.ConnectsAttempted,
                Established = counters.ConnectsEstablished,
                Failed = counters.ConnectsFailed,
                Dropped = counters.Dropped,
                ClosedNormally = counters.ClosedNormally,
                Peak = counters.PeakOpen,
                ConnectRatePerSec = ConnectRate(counters.ConnectsEstablished),
            },
            Messages = new MessageSummary
            {
                Sent = counters.Sent,
                Received = counters.Received,
                Lost = lost,
                Duplicated = counters.Duplicated,
                OutOfOrder = counters.OutOfOrder,
                Corrupted = counters.Corrupted,
                MissedSends = counters.MissedSends,
                Late = counters.Late,
                BytesSent = counters.BytesSent,
                BytesReceived = counters.BytesReceived,
                ThroughputPerSec = HoldThroughput(counters.Received, duration),
            },
            Availability = AvailabilityCalculator.Compute(_sessions, _plan, _start, _time.GetTimestamp(), _time.TimestampFrequency, counters.Dropped, recovery),
            LatencyMs = new LatencySummaries
            {
                Rtt = LatencyStatistics.Summarize(_traffic.ServiceTime.Cumulative),
                Response = LatencyStatistics.Summarize(_traffic.ResponseTime.Cumulative),
                Connect = LatencyStatistics.Summarize(_connectPhases.Total.Cumulative),
                TcpConnect = LatencyStatistics.Summarize(_connectPhases.TcpConnect.Cumulative),
                Tls = LatencyStatistics.Summarize(_connectPhases.Tls.Cumulative),
                Upgrade = LatencyStatistics.Summarize(_connectPhases.Upgrade.Cumulative),
                FirstMessage = LatencyStatistics.Summarize(_connectPhases.FirstMessage.Cumulative),
            },
        };

        var thresholds = ThresholdEvaluator.Evaluate(_scenario.Thresholds, summary);
        if (status == RunStatus.Completed && thresholds.Any(t => !t.Passed))
        {
            status = RunStatus.ThresholdsFailed;
            reason = string.Join("; ", thresholds.Where(t => !t.Passed).Select(t => t.Expression));
        }

        var result = new RunResult
        {
            ToolVersion = typeof(LoadTest).Assembly.GetName().Version?.ToString(3) ?? "",
            Scenario = _scenario,
            Environment = EnvironmentInfo.Capture(_options.CommandLine),
            StartedAt = _startedAt,
            DurationSeconds = Math.Round(duration.TotalSeconds, 3),
            Status = status,
            StatusReason = reason,
            Summary = summary,
            Thresholds = thresholds,
            Series = _series.ToArray(),
            Events = _timeline.Snapshot(),
            GeneratorHealth = GeneratorHealthReport.From(_series),
            ErrorsByClass = errors,
            HandshakeStatuses = _handshakeStatuses.ToDictionary(),
            CloseCodes = _closeCodes.ToDictionary(),
            FailureEvents = _failures.Details(),
            FailureEventsDropped = _failures.Undetailed,
            MessageTypes = _traffic.Types.ToDictionary(
                t => t.Name,
                t => new MessageTypeSummary { Sent = t.Sent, Received = t.Received, Bytes = t.Bytes, Rtt = LatencyStatistics.Summarize(t.Rtt.Cumulative) },
                StringComparer.Ordinal),
            Histograms = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["reconnect"] = _recovery.EncodedHistogram(),
                ["rtt"] = HistogramCodec.Encode(_traffic.ServiceTime.Cumulative),
                ["response"] = HistogramCodec.Encode(_traffic.ResponseTime.Cumulative),
                ["connect"] = HistogramCodec.Encode(_connectPhases.Total.Cumulative),
                ["tcpConnect"] = HistogramCodec.Encode(_connectPhases.TcpConnect.Cumulative),
                ["tls"] = HistogramCodec.Encode(_connectPhases.Tls.Cumulative),
                ["upgrade"] = HistogramCodec.Encode(_connectPhases.Upgrade.Cumulative),
                ["firstMessage"] = HistogramCodec.Encode(_connectPhases.FirstMessage.Cumulative),
            },
        };
        return result with { Analysis = AnalyzeOrNone(result) };
    }

    /// <summary>
    /// The run's analysis, or none if the analysis itself fails: a bug there must never cost the user the measurements
    /// of their run (run.json then has no analysis block, and <c>wsload analyze run.json</c> shows the error).
    /// </summary>
    private static Analysis.RunAnalysis? AnalyzeOrNone(RunResult result)
    {
        try
        {
            var analysis = Analysis.RunAnalyzer.Analyze(result);
            _ = System.Text.Json.JsonSerializer.Serialize(analysis, RunResultJson.Options); // e.g. a NaN would stop run.json being written
            return analysis;
        }
#pragma warning disable CA1031 // Deliberately broad: whatever the analysis throws, the run's result is kept.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Established connections per second, from the first attempt to the last success.</summary>
    private double ConnectRate(long established)
    {
        var first = Volatile.Read(ref _firstAttemptTimestamp);
        var last = Volatile.Read(ref _lastEstablishedTimestamp);
        if (established == 0 || first == 0 || last <= first)
        {
            return 0;
        }

        var seconds = _time.GetElapsedTime(first, last).TotalSeconds;
        return Math.Round(established / Math.Max(seconds, 0.001), 1);
    }

    /// <summary>
    /// Messages received per second over the whole-second intervals of the hold (the whole run without a hold). The
    /// hold counts from the planned ramp end or from the last connection established, whichever is later, so a late
    /// ramp's backlog of echoes does not flatter the figure.
    /// </summary>
    private double HoldThroughput(long received, TimeSpan duration)
    {
        var lastEstablished = Volatile.Read(ref _lastEstablishedTimestamp);
        var rampDone = lastEstablished == 0 ? 0 : _time.GetElapsedTime(_start, lastEstablished).TotalSeconds;
        var from = Math.Max(_plan.RampUpEnd.TotalSeconds, rampDone);
        var to = _plan.HoldEnd.TotalSeconds;
        var inHold = _series.Where(s => s.AtSeconds - 1 >= from - 0.001 && s.AtSeconds <= to + 0.001).ToList();
        if (inHold.Count > 0)
        {
            var seconds = inHold[^1].AtSeconds - (inHold[0].AtSeconds - 1);
            return Math.Round(inHold.Sum(s => s.Received) / seconds, 1);
        }

        return duration.TotalSeconds > 0 ? Math.Round(received / duration.TotalSeconds, 1) : 0;
    }
}
