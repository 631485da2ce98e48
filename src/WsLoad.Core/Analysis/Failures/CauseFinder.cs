using WsLoad.Results;

namespace WsLoad.Analysis.Failures;

/// <summary>Finds the fault event that most likely set a pattern off: the latest one starting shortly before it.</summary>
internal static class CauseFinder
{
    private static readonly string[] RecoverySuffixes = ["-cleared", "-removed", "-failed", "-restored"];

    /// <param name="events">The run's events.</param>
    /// <param name="start">Start of the pattern's first interval.</param>
    /// <param name="firstIntervalEnd">End of the pattern's first interval (an event inside it may still be the cause).</param>
    public static LikelyCause? Find(IReadOnlyList<RunEvent> events, double start, double firstIntervalEnd) =>
        events
            .Where(IsFault)
            .Where(e => e.AtSeconds >= start - FailurePatternRules.CauseWindowSeconds && e.AtSeconds <= firstIntervalEnd)
            .OrderByDescending(e => e.AtSeconds)
            .ThenBy(e => e.Kind, StringComparer.Ordinal)
            .Select(e => new LikelyCause { Event = e, SecondsBefore = Math.Round(start - e.AtSeconds, 3) })
            .FirstOrDefault();

    /// <summary>Faults and stalls count; recoveries, failed fault requests and the run's own events do not.</summary>
    public static bool IsFault(RunEvent runEvent) =>
        runEvent.Source != RunEventSource.Run
        && runEvent.Kind is not ("reconnected" or "recovered")
        && !RecoverySuffixes.Any(s => runEvent.Kind.EndsWith(s, StringComparison.Ordinal));
}
