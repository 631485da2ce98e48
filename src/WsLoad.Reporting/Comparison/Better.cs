namespace WsLoad.Reporting.Comparison;

/// <summary>Which way a figure improves: latency is better lower, throughput higher.</summary>
internal enum Better
{
    Lower,
    Higher,
}
