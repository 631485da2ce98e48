using WsLoad.Server.Connections;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Modes;

/// <summary>
/// Push mode's clock: one periodic loop per registry shard (a few for all clients, never a timer per
/// connection). Each tick tops every connection up to <c>floor(elapsed × rate) + 1</c> scheduled messages,
/// so the first message goes out at once and a late tick catches up instead of lowering the rate;
/// what a full send queue refuses is counted as dropped.
/// Threading: each shard is ticked by one loop only, which owns its connections' push schedule.
/// </summary>
internal sealed class PushScheduler(ConnectionRegistry registry, ServerCounters counters, double ratePerSecond, TimeProvider timeProvider)
{
    private static readonly TimeSpan MinTick = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxTick = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs every shard's loop until <paramref name="stopping"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stopping)
    {
        var loops = new Task[registry.ShardCount];
        for (var shard = 0; shard < loops.Length; shard++)
        {
            loops[shard] = RunShardAsync(shard, stopping);
        }

        return Task.WhenAll(loops);
    }

    /// <summary>Tops up every connection of one shard; called by that shard's loop only.</summary>
    internal void Tick(int shard)
    {
        var now = timeProvider.GetTimestamp();
        foreach (var (_, connection) in registry.Shard(shard))
        {
            if (connection.Outbound is not { } queue || connection.IsClosing)
            {
                continue;
            }

            var due = (long)(timeProvider.GetElapsedTime(connection.PushStartTimestamp, now).TotalSeconds * ratePerSecond) + 1;
            var missing = due - connection.PushScheduled;
            connection.PushScheduled = Math.Max(due, connection.PushScheduled);
            for (var i = 0L; i < missing; i++)
            {
                if (!queue.TryEnqueue(OutboundMessage.Push))
                {
                    counters.PushDropped(missing - i);
                    break;
                }
            }
        }
    }

    internal static TimeSpan TickPeriod(double ratePerSecond)
    {
        var interval = TimeSpan.FromSeconds(1 / ratePerSecond);
        return interval < MinTick ? MinTick : interval > MaxTick ? MaxTick : interval;
    }

    private async Task RunShardAsync(int shard, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TickPeriod(ratePerSecond), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                Tick(shard);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping
        }
    }
}
