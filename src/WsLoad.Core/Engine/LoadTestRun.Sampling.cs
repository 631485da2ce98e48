using HdrHistogram;
using WsLoad.Metrics;
using WsLoad.Resources;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>The once-a-second sampler: turns counters and histograms into interval samples and live snapshots.</summary>
internal sealed partial class LoadTestRun
{
    private readonly List<IntervalSample> _series = [];
    private readonly object _sampleLock = new();
    private CounterSnapshot _previous;
    private Dictionary<string, long> _previousErrors = new(StringComparer.Ordinal);

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var sample = TakeSample();
                if (_options.Observer is { } observer)
                {
                    try
                    {
                        observer.OnInterval(ToLive(sample));
                    }
                    catch (Exception exception)
                    {
                        // A broken live view must not break the measurement.
                        _failures.Record("observer-error", Elapsed(), -1, exception.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private IntervalSample TakeSample()
    {
        lock (_sampleLock)
        {
            var elapsed = _time.GetElapsedTime(_start);
            var now = _counters.Snapshot();
            var delta = _previous;
            _previous = now;
            var rtt = _traffic.ServiceTime.TakeInterval();
            _ = _traffic.ResponseTime.TakeInterval();
            var connect = _connectPhases.TakeInterval();
            foreach (var type in _traffic.Types)
            {
                _ = type.Rtt.TakeInterval();
            }

            var errors = _failures.CountsByClass();
            var errorDelta = errors
                .Select(pair => (pair.Key, Count: pair.Value - _previousErrors.GetValueOrDefault(pair.Key)))
                .Where(pair => pair.Count > 0)
                .ToDictionary(pair => pair.Key, pair => pair.Count, StringComparer.Ordinal);
            _previousErrors = errors;

            var (generator, server, machine) = _resources.Sample();
            var sample = new IntervalSample
            {
                Generator = generator,
                Server = server,
                Machine = machine,
                AtSeconds = Math.Round(elapsed.TotalSeconds, 3),
                Phase = PhaseName(elapsed),
                TargetConnections = _plan.TargetAt(elapsed),
                OpenConnections = now.Open,
                ConnectsAttempted = now.ConnectsAttempted - delta.ConnectsAttempted,
                ConnectsEstablished = now.ConnectsEstablished - delta.ConnectsEstablished,
                ConnectsFailed = now.ConnectsFailed - delta.ConnectsFailed,
                Dropped = now.Dropped - delta.Dropped,
                Sent = now.Sent - delta.Sent,
                Received = now.Received - delta.Received,
                BytesSent = now.BytesSent - delta.BytesSent,
                BytesReceived = now.BytesReceived - delta.BytesReceived,
                Errors = now.Errors - delta.Errors,
                RttP50 = LatencyStatistics.Percentile(rtt, 50),
                RttP90 = LatencyStatistics.Percentile(rtt, 90),
                RttP99 = LatencyStatistics.Percentile(rtt, 99),
                RttP999 = LatencyStatistics.Percentile(rtt, 99.9),
                RttMax = rtt.TotalCount == 0 ? null : rtt.GetMaxValue() / 1000.0,
                ConnectP50 = LatencyStatistics.Percentile(connect, 50),
                ConnectP99 = LatencyStatistics.Percentile(connect, 99),
                ErrorsByClass = errorDelta.Count == 0 ? null : errorDelta,
            };
            _series.Add(sample);
            RecordRecoveryInterval(sample);
            return sample;
        }
    }

    private LiveSnapshot ToLive(IntervalSample sample)
    {
        var previousAt = _series.Count >= 2 ? _series[^2].AtSeconds : 0;
        var seconds = Math.Max(0.001, sample.AtSeconds - previousAt);
        var elapsed = TimeSpan.FromSeconds(sample.AtSeconds);
        return new LiveSnapshot
        {
            Elapsed = elapsed,
            Planned = _plan.End,
            Phase = PhaseName(elapsed),
            TargetConnections = sample.TargetConnections,
            OpenConnections = sample.OpenConnections,
            ConnectsFailed = _previous.ConnectsFailed,
            Dropped = _previous.Dropped,
            SentPerSec = sample.Sent / seconds,
            ReceivedPerSec = sample.Received / seconds,
            RttP50Ms = sample.RttP50,
            RttP99Ms = sample.RttP99,
            ErrorsByClass = _previousErrors,
            GeneratorCpuPercent = sample.Generator?.CpuPercent,
            Saturation = sample.Generator?.SaturationReasons ?? [],
        };
    }

    private string PhaseName(TimeSpan elapsed) =>
        elapsed < _plan.RampUpEnd ? "ramp-up" : elapsed < _plan.HoldEnd ? "hold" : elapsed < _plan.End ? "ramp-down" : GeneratorHealthReport.ClosingPhase;
}
