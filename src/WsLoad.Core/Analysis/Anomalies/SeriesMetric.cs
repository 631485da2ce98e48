namespace WsLoad.Analysis.Anomalies;

/// <summary>A per-second figure of the run's series that anomaly detection and trends look at.</summary>
public enum SeriesMetric
{
    /// <summary>Messages received per second.</summary>
    Throughput,

    /// <summary>Median round-trip time of the second's messages (ms).</summary>
    RttP50,

    /// <summary>99th percentile round-trip time of the second's messages (ms).</summary>
    RttP99,

    /// <summary>Errors per second.</summary>
    Errors,

    /// <summary>The target server's CPU, % of one core (when it ran on this machine).</summary>
    ServerCpu,
}
