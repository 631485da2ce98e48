using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>Computes <see cref="AvailabilitySummary"/> from each session's open and close times against the plan.</summary>
internal static class AvailabilityCalculator
{
    public static AvailabilitySummary? Compute(IReadOnlyList<ClientSession?> sessions, ConnectionPlan plan, long runStart, long runEnd, long frequency, long drops, RecoverySummary? recovery = null) =>
        Parts(sessions, plan, runStart, runEnd, frequency).Summarize(drops, recovery);

    /// <summary>What the summary is made of, which the processes of a run in several merge (<see cref="AvailabilityParts.Merge"/>).</summary>
    public static AvailabilityParts Parts(IReadOnlyList<ClientSession?> sessions, ConnectionPlan plan, long runStart, long runEnd, long frequency)
    {
        double Seconds(long ticks) => ticks / (double)frequency;
        var runSeconds = Seconds(runEnd - runStart);
        var perConnection = new List<double>(sessions.Count);
        double upTotal = 0;
        double windowTotal = 0;
        for (var slot = 0; slot < sessions.Count; slot++)
        {
            if (sessions[slot] is not { } session)
            {
                continue; // never reached by the plan (the run ended first)
            }

            var plannedOpen = plan.OpenAt(slot).TotalSeconds;
            var plannedClose = session.EarlyCloseTimestamp != 0 ? Seconds(session.EarlyCloseTimestamp - runStart) : plan.CloseAt(slot).TotalSeconds;
            var windowEnd = Math.Min(plannedClose, runSeconds);
            double up = 0;
            var windowStart = plannedOpen;
            if (session.OpenedTimestamp != 0)
            {
                // Connected: the window starts at the first 101 (setting up is not an outage); it is up for its earlier
                // connections (before reconnects), and from its latest 101 until it closed.
                var first = session.FirstOpenedTimestamp != 0 ? session.FirstOpenedTimestamp : session.OpenedTimestamp;
                windowStart = Seconds(first - runStart);
                var opened = Seconds(session.OpenedTimestamp - runStart);
                var closed = session.ClosedTimestamp == 0 ? windowEnd : Seconds(session.ClosedTimestamp - runStart);
                up = Seconds(session.EarlierUpTicks) + Math.Max(0, Math.Min(closed, windowEnd) - opened);
            }

            var window = windowEnd - windowStart;
            if (window <= 0)
            {
                continue;
            }

            upTotal += up;
            windowTotal += window;
            perConnection.Add(Math.Min(1, up / window));
        }

        perConnection.Sort();
        return new AvailabilityParts { UpSeconds = upTotal, WindowSeconds = windowTotal, ConnectionFractions = perConnection };
    }
}
