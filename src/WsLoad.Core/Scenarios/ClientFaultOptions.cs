namespace WsLoad.Scenarios;

/// <summary>
/// One step of a scenario's <c>clientFaults</c> timeline: a fault the generator injects into its own connections at
/// <see cref="At"/>. Exactly one action is set: <see cref="Drop"/>, <see cref="SlowReader"/> (with <see cref="For"/>),
/// <see cref="Pause"/>, <see cref="Malformed"/> or <see cref="Oversized"/> (with <see cref="Size"/>). Connections are
/// chosen deterministically: the open ones with the lowest slot ids.
/// </summary>
public sealed record ClientFaultStep
{
    /// <summary>The largest oversized message a step may send (64 MiB): enough to pass any sane server limit.</summary>
    public const int MaxSize = 64 * 1024 * 1024;

    /// <summary>When, since the run started.</summary>
    public TimeSpan At { get; init; }

    /// <summary>Abort this fraction (0-1) of the open connections at once: a TCP reset, no close frame.</summary>
    public double? Drop { get; init; }

    /// <summary>This fraction (0-1) of the open connections stop reading for <see cref="For"/> (back-pressure on the server).</summary>
    public double? SlowReader { get; init; }

    /// <summary>How long slow readers stop reading.</summary>
    public TimeSpan? For { get; init; }

    /// <summary>Every connection stops sending for this long; the sends due meanwhile count as missed, not lost.</summary>
    public TimeSpan? Pause { get; init; }

    /// <summary>This many connections each send one malformed frame (a reserved opcode).</summary>
    public int? Malformed { get; init; }

    /// <summary>This many connections each send one binary message of <see cref="Size"/> bytes.</summary>
    public int? Oversized { get; init; }

    /// <summary>The size of an oversized message, in bytes.</summary>
    public int? Size { get; init; }

    /// <summary>How many actions the step names (a valid step names exactly one).</summary>
    internal int ActionCount =>
        (Drop is null ? 0 : 1) + (SlowReader is null ? 0 : 1) + (Pause is null ? 0 : 1) + (Malformed is null ? 0 : 1) + (Oversized is null ? 0 : 1);
}
