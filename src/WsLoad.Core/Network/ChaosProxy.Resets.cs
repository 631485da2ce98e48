namespace WsLoad.Network;

/// <summary>The toxics that act on whole connections on a timer: periodic and random resets, partitions that reset.</summary>
internal sealed partial class ChaosProxy
{
    private readonly Dictionary<string, ITimer> _resetTimers = new(StringComparer.Ordinal);
    private readonly Lock _timersLock = new();

    private void StartResetsFor(string name, Toxic toxic)
    {
        StopResetsFor(name);
        switch (toxic)
        {
            case PartitionToxic { ResetConnections: true } partition:
                Reported(partition, ResetAll());
                break;
            case ResetToxic { Random: false } periodic:
                AddTimer(name, periodic.Every, () => Reported(periodic, ResetAll()));
                break;
            case ResetToxic { Random: true } random:
                // Memoryless: each connection is reset in each tick with the chance that gives an exponential lifetime
                // with mean Every.
                var tick = TimeSpan.FromTicks(Math.Clamp(random.Every.Ticks / 20, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));
                var chance = 1 - Math.Exp(-tick / random.Every);
                AddTimer(name, tick, () => Reported(random, ResetSome(chance)));
                break;
        }
    }

    private void AddTimer(string name, TimeSpan period, Action tick)
    {
        lock (_timersLock)
        {
            _resetTimers[name] = Time.CreateTimer(_ => tick(), null, period, period);
        }
    }

    private void StopResetsFor(string name)
    {
        lock (_timersLock)
        {
            if (_resetTimers.Remove(name, out var timer))
            {
                timer.Dispose();
            }
        }
    }

    private void StopAllResets()
    {
        lock (_timersLock)
        {
            foreach (var timer in _resetTimers.Values)
            {
                timer.Dispose();
            }

            _resetTimers.Clear();
        }
    }

    private int ResetSome(double chance)
    {
        var count = 0;
        foreach (var connection in _connections.Values)
        {
            if (Random.Shared.NextDouble() < chance)
            {
                connection.Reset();
                count++;
            }
        }

        Interlocked.Add(ref _resets, count);
        return count;
    }

    private void Reported(Toxic toxic, int count)
    {
        if (count > 0 && !_stopping.IsCancellationRequested)
        {
            ConnectionsReset?.Invoke(toxic, count);
        }
    }
}
