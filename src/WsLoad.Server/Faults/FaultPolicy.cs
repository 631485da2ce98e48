using WsLoad.Server.Connections;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Faults;

/// <summary>
/// Applies <see cref="ServerFaults"/> at the points where they act: upgrade, after each message, and on a timer.
/// Every fault that fires is counted. Threading: safe from any thread; per-connection decisions run on that
/// connection's receive loop.
/// </summary>
internal sealed class FaultPolicy(ServerFaults faults, ServerCounters counters, TimeSpan closeTimeout)
{
    private long _upgradeRequests;

    /// <summary>The HTTP status to refuse this upgrade request with, or null to accept it.</summary>
    public int? RefuseStatus()
    {
        if (faults.RefuseUpgradeStatus is not { } status)
        {
            return null;
        }

        // Counting requests (not completed upgrades) lets exactly the first N through even when they race.
        return Interlocked.Increment(ref _upgradeRequests) > faults.RefuseAfterConnections ? status : null;
    }

    /// <summary>
    /// Aborts the connection if it has just received its abort-fault message; true when it did. Runs before the
    /// message is handled: an answer written just before an abort could be lost in the reset anyway.
    /// </summary>
    public bool AbortOnMessage(ServerConnection connection)
    {
        if (connection.MessagesReceived != faults.AbortAfterMessages)
        {
            return false;
        }

        counters.AbortedByFault();
        connection.Abort();
        return true;
    }

    /// <summary>Runs the close faults after a connection's message was handled.</summary>
    public async ValueTask AfterMessageAsync(ServerConnection connection)
    {
        if (connection.MessagesReceived == faults.CloseAfterMessages && !connection.IsClosing)
        {
            counters.ClosedByFault();
            await connection.CloseAsync(faults.CloseCode, faults.CloseReason, closeTimeout);
        }
    }

    /// <summary>Arms the close-all fault, if configured; dispose the returned timer to disarm it.</summary>
    public ITimer? ScheduleCloseAll(ConnectionRegistry registry, TimeProvider timeProvider)
    {
        if (faults.CloseAllAfter is not { } after)
        {
            return null;
        }

        return timeProvider.CreateTimer(_ => CloseAll(registry), null, after, Timeout.InfiniteTimeSpan);
    }

    private void CloseAll(ConnectionRegistry registry)
    {
        foreach (var connection in registry.All())
        {
            if (!connection.IsClosing)
            {
                counters.ClosedByFault();
                _ = connection.CloseAsync(faults.CloseCode, faults.CloseReason, closeTimeout);
            }
        }
    }
}
