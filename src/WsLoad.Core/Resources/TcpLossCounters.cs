using System.Globalization;

namespace WsLoad.Resources;

/// <summary>
/// The machine's TCP loss counters since boot: segments retransmitted, retransmission timeouts (each one a stall of at
/// least the 200 ms minimum RTO on the connection it hit) and packets the kernel dropped before TCP saw them (the
/// per-CPU input backlog, <c>net.core.netdev_max_backlog</c>, overflows under bursts — even on loopback). A load test
/// whose latency shows 200–700 ms stalls with a healthy generator and server is usually looking at these.
/// </summary>
internal sealed record TcpLossCounters(long Retransmits, long Timeouts, long BacklogDrops)
{
    /// <summary>Reads /proc/net/snmp, /proc/net/netstat and /proc/net/softnet_stat; null where they cannot be read.</summary>
    public static TcpLossCounters? Read()
    {
        try
        {
            var retransmits = Field("/proc/net/snmp", "Tcp:", "RetransSegs");
            var timeouts = Field("/proc/net/netstat", "TcpExt:", "TCPTimeouts");
            long drops = 0;
            foreach (var line in File.ReadLines("/proc/net/softnet_stat"))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                drops += long.Parse(columns[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            return retransmits is { } r && timeouts is { } t ? new TcpLossCounters(r, t, drops) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>What happened since <paramref name="earlier"/> (never negative: a counter reset counts as zero).</summary>
    public TcpLossCounters Since(TcpLossCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Math.Max(0, Retransmits - earlier.Retransmits), Math.Max(0, Timeouts - earlier.Timeouts), Math.Max(0, BacklogDrops - earlier.BacklogDrops));
    }

    /// <summary>The value of <paramref name="name"/> in a /proc/net table of header and value lines that start with <paramref name="prefix"/>.</summary>
    private static long? Field(string path, string prefix, string name)
    {
        string[]? header = null;
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (header is null)
            {
                header = columns;
                continue;
            }

            var index = Array.IndexOf(header, name);
            return index > 0 && index < columns.Length ? long.Parse(columns[index], CultureInfo.InvariantCulture) : null;
        }

        return null;
    }
}
