using System.Collections.Concurrent;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// Recovery on the timeline: the per-second counts of drops, reconnects and reconnect attempts, turned once a second
/// into <c>connections-dropped</c> and <c>connections-reconnected</c> events and, when attempts run high,
/// a <c>reconnect-storm</c>; and every drop's time, for the service recovery after each burst of drops.
/// </summary>
internal sealed partial class LoadTestRun
{
    // Per-interval figures for the timeline, under _sampleLock (the sampler) or Interlocked (the connections).
    private long _intervalDrops;
    private long _intervalFirstDrop;
    private long _intervalReconnects;
    private long _intervalAttempts;
    private long _intervalFirstAttempt;

    // Every drop's time (injected ones too), placed into the series' intervals by time at the end: where each burst of
    // drops began, for the service recovery after each. By time, not by the interval the sampler was in when the drop
    // was counted, which a drop at an interval's edge could miss.
    private readonly ConcurrentQueue<long> _dropTimestamps = new();

    private double? _stormStart;
    private long _stormAttempts;

    /// <summary>
    /// Once a second (under the sample lock): drops and reconnects of the interval, and reconnect storms, on the
    /// timeline; returns the interval's events.
    /// </summary>
    private IReadOnlyList<RunEvent> RecordRecoveryInterval()
    {
        var drops = Interlocked.Exchange(ref _intervalDrops, 0);
        var firstDrop = Interlocked.Exchange(ref _intervalFirstDrop, 0);
        var reconnects = Interlocked.Exchange(ref _intervalReconnects, 0);
        var attempts = Interlocked.Exchange(ref _intervalAttempts, 0);
        var firstAttempt = Interlocked.Exchange(ref _intervalFirstAttempt, 0);
        if (drops > 0)
        {
            _timeline.Record(new RunEvent
            {
                AtSeconds = Math.Round(_time.GetElapsedTime(_start, firstDrop).TotalSeconds, 3),
                Source = RunEventSource.Client,
                Kind = "connections-dropped",
                Description = $"{drops} connection(s) dropped (closed abnormally, reset, or with a close code other than 1000/1001)",
                Count = drops,
            });
        }

        if (reconnects > 0)
        {
            _timeline.Record(RunEventSource.Client, "connections-reconnected", $"{reconnects} dropped connection(s) reconnected", count: reconnects);
        }

        // A reconnect storm: seconds in which reconnect attempts reach 5% of the planned connections (at least 10).
        var stormLevel = Math.Max(10, _plan.SlotCount / 20);
        if (attempts >= stormLevel)
        {
            _stormStart ??= Math.Round(_time.GetElapsedTime(_start, firstAttempt).TotalSeconds, 3);
            _stormAttempts += attempts;
        }
        else
        {
            EndStorm(Math.Round(_previousEndSeconds, 3));
        }

        return _timeline.TakeNew();
    }

    private void EndStorm(double endSeconds)
    {
        if (_stormStart is not { } start)
        {
            return;
        }

        _timeline.Record(new RunEvent
        {
            AtSeconds = start,
            Source = RunEventSource.Client,
            Kind = "reconnect-storm",
            Description = $"reconnect storm: {_stormAttempts} reconnect attempts in {endSeconds - start:0.#} s",
            Count = _stormAttempts,
            DurationSeconds = Math.Round(Math.Max(0, endSeconds - start), 3),
        });
        _stormStart = null;
        _stormAttempts = 0;
    }
}
