namespace WsLoad.Scenarios;

/// <summary>
/// <c>expect: push</c>: the server sends on its own, each connection's messages numbered in a JSON field (from
/// <see cref="FirstSequence"/>, one apart), optionally with the time the server sent it.
/// </summary>
public sealed record PushOptions
{
    /// <summary>The dotted path of the JSON number that numbers the messages of a connection (e.g. <c>seq</c> or <c>meta.seq</c>).</summary>
    public string SequenceField { get; init; } = "seq";

    /// <summary>The number of a connection's first message; anything before the first received one is a gap.</summary>
    public long FirstSequence { get; init; } = 1;

    /// <summary>The dotted path of a JSON number: when the server sent the message, on the wall clock (Unix epoch); null: no one-way latency.</summary>
    public string? TimestampField { get; init; }

    /// <summary>The unit of <see cref="TimestampField"/>: <c>us</c>, <c>ms</c> or <c>s</c>.</summary>
    public string TimestampUnit { get; init; } = "us";
}
