namespace WsLoad.Network;

/// <summary>
/// A token bucket in bytes for one direction of one connection. Tokens may go negative: a chunk larger than the bucket
/// is sent at once and the debt is waited off before the next, so the average rate is exact whatever the chunk sizes.
/// Pure (timestamps are passed in); not thread-safe, one per pipe.
/// </summary>
internal sealed class TokenBucket
{
    /// <summary>The burst a full bucket allows: this share of a second's worth of bytes.</summary>
    private const double BurstSeconds = 0.02;

    private readonly long _frequency;
    private double _tokens;
    private long _lastTimestamp;
    private long _lastRate;

    public TokenBucket(long timestampFrequency) => _frequency = timestampFrequency;

    /// <summary>Takes <paramref name="bytes"/> at <paramref name="now"/> and returns how long to wait before sending them.</summary>
    public TimeSpan Take(int bytes, long rate, long now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 1);
        var capacity = Math.Max(1.0, rate * BurstSeconds);
        if (_lastRate != rate || _lastTimestamp == 0)
        {
            _tokens = capacity; // a new or changed limit starts full
            _lastRate = rate;
        }
        else
        {
            _tokens = Math.Min(capacity, _tokens + ((now - _lastTimestamp) * (double)rate / _frequency));
        }

        _lastTimestamp = now;
        _tokens -= bytes;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / rate);
    }
}
