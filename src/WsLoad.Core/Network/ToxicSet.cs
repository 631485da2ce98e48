namespace WsLoad.Network;

/// <summary>
/// The toxics in place on a proxy, by name, and their combined effect per direction. Threading: add and remove from any
/// thread; readers take <see cref="Current"/> (an immutable snapshot) without locking and await its
/// <see cref="ToxicSnapshot.Changed"/> to hear of the next change.
/// </summary>
internal sealed class ToxicSet
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Toxic> _toxics = new(StringComparer.Ordinal);
    private volatile ToxicSnapshot _current = ToxicSnapshot.Empty();

    public ToxicSnapshot Current => _current;

    /// <summary>Adds or replaces the toxic named <paramref name="name"/>.</summary>
    public void Set(string name, Toxic toxic)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(toxic);
        lock (_lock)
        {
            _toxics[name] = toxic;
            Publish();
        }
    }

    /// <summary>Removes the toxic named <paramref name="name"/>; false when there was none.</summary>
    public bool Remove(string name)
    {
        lock (_lock)
        {
            if (!_toxics.Remove(name))
            {
                return false;
            }

            Publish();
            return true;
        }
    }

    public IReadOnlyDictionary<string, Toxic> Toxics
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, Toxic>(_toxics, StringComparer.Ordinal);
            }
        }
    }

    private void Publish()
    {
        var toxics = _toxics.Values.ToArray();
        var previous = _current;
        _current = new ToxicSnapshot(toxics, Combine(toxics, ToxicDirection.Upstream), Combine(toxics, ToxicDirection.Downstream));
        previous.SignalChanged();
    }

    private static LinkConditions Combine(Toxic[] toxics, ToxicDirection direction)
    {
        var conditions = LinkConditions.Clear;
        foreach (var toxic in toxics)
        {
            if (toxic.Applies(direction))
            {
                conditions = toxic.ApplyTo(conditions);
            }
        }

        return conditions;
    }
}

/// <summary>The toxics in place at one moment and their effect on each direction. Immutable, except that <see cref="Changed"/> completes once it is replaced.</summary>
internal sealed class ToxicSnapshot(IReadOnlyList<Toxic> toxics, LinkConditions upstream, LinkConditions downstream)
{
    private readonly TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Toxic> Toxics { get; } = toxics;

    public LinkConditions Upstream { get; } = upstream;

    public LinkConditions Downstream { get; } = downstream;

    /// <summary>Completes when a newer snapshot replaces this one.</summary>
    public Task Changed => _changed.Task;

    public LinkConditions For(ToxicDirection direction) => direction == ToxicDirection.Upstream ? Upstream : Downstream;

    public static ToxicSnapshot Empty() => new([], LinkConditions.Clear, LinkConditions.Clear);

    internal void SignalChanged() => _changed.TrySetResult();
}
