using System.Diagnostics;

namespace WsLoad.Connections;

/// <summary>
/// Connection set-up phases. <see cref="StartTimestamp"/> and <see cref="OpenTimestamp"/> are <see cref="Stopwatch"/>
/// timestamps; phases that did not happen (DNS for an IP literal, TLS for ws://, TCP over a given stream) are zero.
/// </summary>
internal readonly record struct ConnectTimings(
    long StartTimestamp,
    TimeSpan Dns,
    TimeSpan TcpConnect,
    TimeSpan Tls,
    TimeSpan Upgrade,
    long OpenTimestamp)
{
    /// <summary>From the start of the attempt to the parsed 101.</summary>
    public TimeSpan Total => Stopwatch.GetElapsedTime(StartTimestamp, OpenTimestamp);
}
