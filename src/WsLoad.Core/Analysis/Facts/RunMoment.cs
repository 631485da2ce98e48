namespace WsLoad.Analysis.Facts;

/// <summary>A second of the run: when it ended, how many connections were open, and the replies received in it.</summary>
public sealed record RunMoment(double AtSeconds, long OpenConnections, long ReceivedPerSecond);
