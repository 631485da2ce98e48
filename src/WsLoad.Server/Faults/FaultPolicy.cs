using WsLoad.Server.Connections;
using WsLoad.Server.Stats;

namespace WsLoad.Server.Faults;

/// <summary>
/// Applies the connection faults of the plan in force at the points where they act: upgrade, and after each message.
/// Every fault that fires is counted. Threading: safe from any thread; per-connection decisions run on that
/// connection's receive loop, and each decision reads the plan once.
/// </summary>
internal sealed class FaultPolicy(LiveFaultPlan plan, ServerCounters counters, TimeSpan closeTimeout)
{
    /// <summary>The HTTP status to refuse this upgrade request with, or null to accept it.</summary>
    public int? RefuseStatus() => plan.Current.RefuseStatus();

    /// <summary>How long to hold this upgrade's response (slow accepts; zero: answer at once).</summary>
    public TimeSpan AcceptDelay() => plan.Current.AcceptDelay();

    /// <summary>
    /// Aborts the connection if it has just received its abort-fault message; true when it did. Runs before the
    /// message is handled: an answer written just before an abort could be lost in the reset anyway.
    /// </summary>
    public bool AbortOnMessage(ServerConnection connection)
    {
        if (connection.MessagesReceived != plan.Current.Faults.AbortAfterMessages)
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
        var current = plan.Current;
        if (connection.MessagesReceived == current.CloseAt && !connection.IsClosing && current.ClosesConnection())
        {
            counters.ClosedByFault();
            await connection.CloseAsync(current.Faults.CloseCode, current.Faults.CloseReason, closeTimeout);
        }
    }
}
