namespace WsLoad.Analysis.Conclusions;

/// <summary>The next steps <see cref="NextStepRules"/> propose, each with the figures of its evidence.</summary>
public static class NextStepIds
{
    /// <summary>Connections failed with "too many open files". Figures: <c>failed</c>, <c>open-file-limit</c> (when known).</summary>
    public const string RaiseOpenFileLimit = "raise-open-file-limit";

    /// <summary>Connections found no free local port. Figures: <c>failed</c>; quote: the ephemeral port range.</summary>
    public const string AddSourceAddresses = "add-source-addresses";

    /// <summary>Connections timed out while connecting. Figures: <c>failed</c>.</summary>
    public const string CheckAcceptBacklog = "check-accept-backlog";

    /// <summary>The server refused upgrades. Figures: <c>failed</c>; breakdown: HTTP statuses other than 101.</summary>
    public const string FindUpgradeRefusals = "find-upgrade-refusals";

    /// <summary>TCP retransmissions timed out on the generator's machine. Figures: <c>tcp-timeouts</c>, <c>packet-drops</c>.</summary>
    public const string FindPacketLoss = "find-packet-loss";

    /// <summary>The generator was saturated. Figures: <c>max-cpu-percent</c>, <c>max-scheduling-lag-ms</c>, <c>saturated-seconds</c>.</summary>
    public const string RelieveGenerator = "relieve-generator";

    /// <summary>
    /// The server's CPU saturated. Figures: <c>open-connections</c>, <c>received-per-second</c> and <c>at-seconds</c> of its
    /// first saturated second, <c>peak-cpu-percent</c> (of one core), <c>cores</c>.
    /// </summary>
    public const string MindServerCpuLimit = "mind-server-cpu-limit";

    /// <summary>
    /// Latency rose for good. Figures: <c>open-connections</c>, <c>received-per-second</c>, <c>at-seconds</c> of the knee,
    /// <c>early-p99-ms</c>, <c>p99-ms</c>.
    /// </summary>
    public const string StayBelowKnee = "stay-below-knee";

    /// <summary>Replies went missing, came back altered or out of order. Figures: <c>lost</c>, <c>corrupted</c>, <c>out-of-order</c>, <c>duplicated</c>, <c>sent</c>.</summary>
    public const string InvestigateMessagePath = "investigate-message-path";

    /// <summary>Open connections dropped. Figures: <c>dropped</c>; breakdown: the three most counted close codes.</summary>
    public const string FindDrops = "find-drops";

    /// <summary>The run was interrupted. Figures: <c>duration-seconds</c>; quote: why it stopped.</summary>
    public const string FinishRun = "finish-run";

    /// <summary>Nothing failed and no thresholds were set.</summary>
    public const string AddThresholds = "add-thresholds";

    /// <summary>Nothing failed and every threshold held. Figures: <c>peak-connections</c>.</summary>
    public const string RaiseLoad = "raise-load";
}
