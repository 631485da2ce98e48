using WsLoad.Results;

namespace WsLoad.Analysis.Failures;

/// <summary>
/// Finds the event that most likely set a pattern off: the latest fault injected shortly before it, or else the drop
/// of connections the generator saw then (the server or the path closed them: the generator did not).
/// </summary>
internal static class CauseFinder
{
    /// <summary>What the generator saw happen to its connections: named only when no fault was injected shortly before.</summary>
    public const string ConnectionsDropped = "connections-dropped";

    private static readonly string[] RecoverySuffixes = ["-cleared", "-removed", "-failed", "-restored"];

    /// <summary>
    /// The generator's answers to trouble (it reconnects, it was back, it waited for retries before closing): effects of
    /// what happened before them, never a cause, although the generator records them as client events.
    /// </summary>
    private static readonly string[] Reactions = ["reconnect-storm", "connections-reconnected", "service-recovered", "retry-drain"];

    /// <param name="events">The run's events.</param>
    /// <param name="start">Start of the pattern's first interval.</param>
    /// <param name="firstIntervalEnd">End of the pattern's first interval (an event inside it may still be the cause).</param>
    public static LikelyCause? Find(IReadOnlyList<RunEvent> events, double start, double firstIntervalEnd) =>
        events
            .Where(IsFault)
            .Where(e => e.AtSeconds >= start - FailurePatternRules.CauseWindowSeconds && e.AtSeconds <= firstIntervalEnd)
            .OrderBy(e => e.Kind == ConnectionsDropped ? 1 : 0)
            .ThenByDescending(e => e.AtSeconds)
            .ThenBy(e => e.Kind, StringComparer.Ordinal)
            .Select(e => new LikelyCause { Event = e, SecondsBefore = Math.Round(start - e.AtSeconds, 3) })
            .FirstOrDefault();

    /// <summary>Faults, stalls and drops count; recoveries, failed fault requests, the generator's reactions and the run's own events do not.</summary>
    public static bool IsFault(RunEvent runEvent) =>
        runEvent.Source != RunEventSource.Run
        && runEvent.Kind is not ("reconnected" or "recovered")
        && !Reactions.Contains(runEvent.Kind, StringComparer.Ordinal)
        && !RecoverySuffixes.Any(s => runEvent.Kind.EndsWith(s, StringComparison.Ordinal));
}
