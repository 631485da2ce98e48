namespace WsLoad.Analysis.Conclusions;

/// <summary>The findings <see cref="FindingRules"/> make, each with the figures of its evidence.</summary>
public static class FindingIds
{
    /// <summary>Problem: no connection was attempted. Figures: <c>attempted</c>.</summary>
    public const string NoConnections = "no-connections";

    /// <summary>Good: every connection opened. Figures: <c>established</c>, <c>peak</c>, <c>connect-rate</c> (per second).</summary>
    public const string ConnectionsOpened = "connections-opened";

    /// <summary>Problem: connections failed to open. Figures: <c>failed</c>, <c>attempted</c>, <c>failed-percent</c>; breakdown: <c>connect-</c> classes.</summary>
    public const string ConnectionsFailed = "connections-failed";

    /// <summary>Problem: open connections dropped. Figures: <c>dropped</c>; breakdown: <c>close-</c> classes.</summary>
    public const string ConnectionsDropped = "connections-dropped";

    /// <summary>Warning: planned connections were not all open all the time. Figures: <c>availability-percent</c>.</summary>
    public const string AvailabilityShort = "availability-short";

    /// <summary>Good: fire-and-forget messages went out with no integrity problem. Figures: <c>sent</c>, <c>received</c>.</summary>
    public const string MessagesCounted = "messages-counted";

    /// <summary>Good: every message came back, in order and intact. Figures: <c>sent</c>.</summary>
    public const string DeliveryIntact = "delivery-intact";

    /// <summary>Problem: messages were lost, corrupted, reordered, duplicated or late. Figures: <c>sent</c>, <c>lost</c>, <c>corrupted</c>, <c>out-of-order</c>, <c>duplicated</c>, <c>late</c>.</summary>
    public const string DeliveryFailed = "delivery-failed";

    /// <summary>
    /// Warning: unanswered messages were sent again. Figures: <c>retried</c>, <c>after-ms</c>, <c>retransmissions</c>,
    /// <c>recovered</c>, <c>gave-up</c>, <c>duplicate-answers</c>.
    /// </summary>
    public const string MessagesRetried = "messages-retried";

    /// <summary>Good: every broadcast delivery due arrived. Figures: <c>published</c>, <c>due</c>.</summary>
    public const string FanoutReachedAll = "fanout-reached-all";

    /// <summary>
    /// Problem: broadcast deliveries due never arrived. Figures: <c>published</c>, <c>due</c>, <c>missing</c>,
    /// <c>reach-percent</c>, <c>min-reach-percent</c>, <c>first-at-seconds</c> (the first second whose messages missed
    /// some), <c>worst-at-seconds</c> and <c>worst-second-reach-percent</c>.
    /// </summary>
    public const string FanoutMissing = "fanout-missing";

    /// <summary>Warning: the broadcast's fan-out p99 rose for good. Figures: <c>at-seconds</c>, <c>p99-ms</c>, <c>early-p99-ms</c>, <c>open-connections</c>, <c>received-per-second</c>.</summary>
    public const string FanoutFellBehind = "fanout-fell-behind";

    /// <summary>Good: the broadcast's publish-to-arrival time. Figures: <c>p50-ms</c>, <c>p99-ms</c>, <c>p999-ms</c>, <c>deliveries</c>, <c>complete-p99-ms</c>.</summary>
    public const string FanoutLatency = "fanout-latency";

    /// <summary>Good: the service time. Figures: <c>p50-ms</c>, <c>p99-ms</c>, <c>p999-ms</c>, <c>round-trips</c>.</summary>
    public const string ServiceTime = "service-time";

    /// <summary>
    /// Warning: response time p99.9 is more than twice the service time's (and 10 ms above it) because retried messages
    /// waited for their retry. Figures: <c>response-p999-ms</c>, <c>service-p999-ms</c>, <c>ratio</c>, <c>missed-sends</c>, <c>retried</c>.
    /// </summary>
    public const string ResponseTimeRetries = "response-time-retries";

    /// <summary>As <see cref="ResponseTimeRetries"/> without retries: messages went out later than planned. Figures: as it, without <c>retried</c>.</summary>
    public const string ResponseTimeLateSends = "response-time-late-sends";

    /// <summary>
    /// Warning (Medium confidence): latency rose for good (<see cref="RootCauses.LatencyKnee"/>). Figures: <c>at-seconds</c>,
    /// <c>p99-ms</c>, <c>early-p99-ms</c>, <c>open-connections</c>, <c>received-per-second</c>.
    /// </summary>
    public const string LatencyKnee = "latency-knee";

    /// <summary>Good: the hold's throughput held the plan (<see cref="Facts.SustainedThroughput"/>). Figures: <c>per-second</c>, <c>planned-per-second</c>, <c>share-percent</c>.</summary>
    public const string ThroughputHeld = "throughput-held";

    /// <summary>Problem: the hold's throughput fell short of the plan. Figures: as <see cref="ThroughputHeld"/>.</summary>
    public const string ThroughputShort = "throughput-short";

    /// <summary>Warning: the generator itself was saturated. Periods: its saturated stretches.</summary>
    public const string GeneratorSaturated = "generator-saturated";

    /// <summary>Warning: TCP on the generator's machine timed out retransmissions. Figures: <c>tcp-timeouts</c>, <c>packet-drops</c>.</summary>
    public const string TcpTimeouts = "tcp-timeouts";

    /// <summary>
    /// Warning: the server's CPU saturated (<see cref="Facts.ServerCpuSaturation"/>). Figures: <c>peak-cpu-percent</c> (of one
    /// core), <c>at-seconds</c> and <c>open-connections</c> of the first saturated second.
    /// </summary>
    public const string ServerCpuSaturated = "server-cpu-saturated";
}
