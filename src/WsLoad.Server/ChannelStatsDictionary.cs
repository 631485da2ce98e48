using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace WsLoad.Server;

/// <summary>
/// <see cref="ServerStats.Channels"/>: channel name to its <see cref="ChannelStats"/>, in ordinal name order, read-only.
/// Equal to another with the same entries, so <see cref="ServerStats"/> keeps comparing by value. In JSON an object whose
/// keys are the channel names as they are (<see cref="ChannelStats.NoChannel"/>, the empty string, for clients without one).
/// </summary>
[JsonConverter(typeof(ChannelStatsDictionaryJsonConverter))]
public sealed class ChannelStatsDictionary : IReadOnlyDictionary<string, ChannelStats>, IEquatable<ChannelStatsDictionary>
{
    private readonly SortedDictionary<string, ChannelStats> _channels;

    /// <summary>The channels and their counters (copied).</summary>
    public ChannelStatsDictionary(IEnumerable<KeyValuePair<string, ChannelStats>> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = new SortedDictionary<string, ChannelStats>(StringComparer.Ordinal);
        foreach (var (name, stats) in channels)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(channels));
            _channels.Add(name, stats ?? throw new ArgumentException($"Channel '{name}' has no stats.", nameof(channels)));
        }
    }

    /// <summary>No channels (echo, push and ack modes, or a broadcast server no client has reached yet).</summary>
    public static ChannelStatsDictionary Empty { get; } = new([]);

    public int Count => _channels.Count;

    public IEnumerable<string> Keys => _channels.Keys;

    public IEnumerable<ChannelStats> Values => _channels.Values;

    public ChannelStats this[string key] => _channels[key];

    public bool ContainsKey(string key) => _channels.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ChannelStats value) => _channels.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, ChannelStats>> GetEnumerator() => _channels.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(ChannelStatsDictionary? other)
    {
        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (var (name, stats) in _channels)
        {
            if (!other.TryGetValue(name, out var theirs) || !stats.Equals(theirs))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as ChannelStatsDictionary);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, stats) in _channels)
        {
            hash.Add(name, StringComparer.Ordinal); // sorted: the same entries give the same order
            hash.Add(stats);
        }

        return hash.ToHashCode();
    }
}
