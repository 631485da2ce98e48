using WsLoad.Results;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// What the remote write did with its samples since the command started, counted as it goes: every sample handed to
/// it ends up sent or dropped, and is pending until then. Thread-safe: the sender counts, the sinks read.
/// </summary>
internal sealed class RemoteWriteCounts
{
    private readonly Lock _lock = new();
    private long _requests;
    private long _requestsFailed;
    private long _sent;
    private long _dropped;
    private long _pending;
    private string? _lastFailure;

    /// <summary>A request of <paramref name="samples"/> samples waits in the send queue.</summary>
    public void Queued(int samples)
    {
        lock (_lock)
        {
            _pending += samples;
        }
    }

    /// <summary>The receiver accepted a queued request.</summary>
    public void Accepted(int samples)
    {
        lock (_lock)
        {
            _requests++;
            _sent += samples;
            _pending -= samples;
        }
    }

    /// <summary>A queued request was given up on after its tries; <paramref name="why"/> names no secret.</summary>
    public void Failed(int samples, string why)
    {
        lock (_lock)
        {
            _requestsFailed++;
            _dropped += samples;
            _pending -= samples;
            _lastFailure = why;
        }
    }

    /// <summary>A request was never sent: the queue had no room (<paramref name="wasQueued"/> false) or the sender stopped first.</summary>
    public void Dropped(int samples, bool wasQueued)
    {
        lock (_lock)
        {
            _dropped += samples;
            if (wasQueued)
            {
                _pending -= samples;
            }
        }
    }

    /// <summary>The counts now.</summary>
    public SinkSamples Read()
    {
        lock (_lock)
        {
            return new SinkSamples
            {
                Requests = _requests,
                RequestsFailed = _requestsFailed,
                Sent = _sent,
                Dropped = _dropped,
                Pending = _pending,
                LastFailure = _lastFailure,
            };
        }
    }

    /// <summary>
    /// What was counted from <paramref name="before"/> to <paramref name="now"/> (one run of a suite), with what is
    /// pending at <paramref name="now"/>, and the last failure when one happened in between.
    /// </summary>
    public static SinkSamples Between(SinkSamples before, SinkSamples now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        return new SinkSamples
        {
            Requests = now.Requests - before.Requests,
            RequestsFailed = now.RequestsFailed - before.RequestsFailed,
            Sent = now.Sent - before.Sent,
            Dropped = now.Dropped - before.Dropped,
            Pending = now.Pending,
            LastFailure = now.RequestsFailed > before.RequestsFailed ? now.LastFailure : null,
        };
    }
}
