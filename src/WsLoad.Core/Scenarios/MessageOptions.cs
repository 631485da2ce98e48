namespace WsLoad.Scenarios;

/// <summary>What each connection sends, how often, and what it expects back.</summary>
public sealed record MessageOptions
{
    /// <summary>Messages per second per connection. Zero with no <see cref="TotalRatePerSecond"/> sends nothing (idle connections).</summary>
    public double RatePerSecond { get; init; }

    /// <summary>Messages per second across all open connections, spread evenly over them; overrides <see cref="RatePerSecond"/>.</summary>
    public double? TotalRatePerSecond { get; init; }

    /// <summary>
    /// Closed loop instead of a rate: each connection keeps this many messages in flight, sending the next as soon as
    /// a reply comes back (as fast as the server answers). 1 measures one request at a time; more pipelines. Needs an
    /// expectation that correlates replies (echo or reply), and no rate.
    /// </summary>
    public int? InFlight { get; init; }

    public ExpectMode Expect { get; init; } = ExpectMode.Echo;

    /// <summary>For <see cref="ExpectMode.Reply"/>: the dotted JSON path of the reply field that carries our message id (e.g. <c>id</c> or <c>meta.requestId</c>).</summary>
    public string? CorrelationField { get; init; }

    /// <summary>A reply that has not arrived after this long is counted as lost (late if it arrives after).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>When to start sending, relative to a connection being established.</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.Zero;

    /// <summary>The mix of message types; one default type (100-byte text) when empty.</summary>
    public IReadOnlyList<MessageType> Types { get; init; } = [MessageType.Default];

    /// <summary>Time windows in which the send rate is multiplied.</summary>
    public IReadOnlyList<BurstPhase> Bursts { get; init; } = [];

    /// <summary>
    /// What becomes of messages unanswered when their connection drops: with <see cref="MessageRecovery.Resend"/> (and a
    /// reconnect policy) they are sent again on the reconnected connection; otherwise they are lost.
    /// </summary>
    public MessageRecovery Recovery { get; init; } = MessageRecovery.None;

    /// <summary>Retrying unanswered messages on their live connection (at-least-once); off by default.</summary>
    public RetryOptions Retry { get; init; } = RetryOptions.None;

    /// <summary>With <see cref="ExpectMode.Broadcast"/>: who publishes; null: the defaults of <see cref="BroadcastOptions"/>.</summary>
    public BroadcastOptions? Broadcast { get; init; }

    /// <summary>With <see cref="ExpectMode.Push"/>: where the messages carry their number and time; null: the defaults of <see cref="PushOptions"/>.</summary>
    public PushOptions? Push { get; init; }
}

public enum ExpectMode
{
    /// <summary>The server returns each message unchanged.</summary>
    Echo,

    /// <summary>The server replies with its own message that carries our id in <see cref="MessageOptions.CorrelationField"/>.</summary>
    Reply,

    /// <summary>Fire and forget: count what arrives, expect nothing.</summary>
    None,

    /// <summary>
    /// Publishers (<see cref="MessageOptions.Broadcast"/>) send; the server delivers each message to every connection on
    /// the publisher's channel. Measured per receiver: fan-out latency, reach, missing, duplicated and out-of-order deliveries.
    /// </summary>
    Broadcast,

    /// <summary>
    /// The server sends on its own, numbering each connection's messages (<see cref="MessageOptions.Push"/>): measured
    /// per connection, gaps (never received), duplicates, order, the time between arrivals and, with a timestamp, the
    /// one-way latency.
    /// </summary>
    Push,
}

public enum PayloadFormat
{
    Text,
    Binary,
}

/// <summary>One kind of message in the mix.</summary>
public sealed record MessageType
{
    public static MessageType Default { get; } = new() { Name = "default" };

    public string Name { get; init; } = "default";

    /// <summary>Relative share of this type in the mix.</summary>
    public double Weight { get; init; } = 1;

    public SizeSpec Size { get; init; } = SizeSpec.Fixed(100);

    public PayloadFormat Format { get; init; } = PayloadFormat.Text;

    /// <summary>
    /// A text template with placeholders <c>{{connectionId}}</c>, <c>{{sequence}}</c>, <c>{{timestamp}}</c>,
    /// <c>{{random}}</c> and <c>{{stamp}}</c> (the correlation stamp). Null: a generated stamped payload of the chosen size.
    /// </summary>
    public string? Template { get; init; }
}

/// <summary>A message size: fixed, one of a list, or uniform in a range (bytes).</summary>
public sealed record SizeSpec
{
    public int Min { get; init; }

    public int Max { get; init; }

    /// <summary>When not empty, a size is drawn from this list and <see cref="Min"/>/<see cref="Max"/> are ignored.</summary>
    public IReadOnlyList<int> Choices { get; init; } = [];

    public static SizeSpec Fixed(int bytes) => new() { Min = bytes, Max = bytes };

    public static SizeSpec Range(int min, int max) => new() { Min = min, Max = max };

    public static SizeSpec OneOf(params int[] sizes) => new() { Min = sizes.Min(), Max = sizes.Max(), Choices = sizes };

    public override string ToString() =>
        Choices.Count > 0 ? "[" + string.Join(", ", Choices) + "]" : Min == Max ? $"{Min}" : $"{Min}-{Max}";
}

/// <summary>A window of the run in which the message rate is multiplied by <see cref="Multiplier"/>.</summary>
public sealed record BurstPhase
{
    /// <summary>Start of the burst, measured from the start of the run.</summary>
    public TimeSpan At { get; init; }

    public TimeSpan Duration { get; init; }

    public double Multiplier { get; init; } = 10;
}
