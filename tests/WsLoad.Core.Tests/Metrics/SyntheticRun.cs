using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Tests.Metrics;

/// <summary>
/// A made-up run, connection by connection (when each connects or fails, drops or closes, and every message it sends
/// and gets back), from which the snapshots any subset of its connections would have taken can be cut. The whole run
/// and the run split among processes are then the same events, measured apart.
/// </summary>
internal sealed class SyntheticRun
{
    public const int IntervalCount = 12;
    private const double RampUpEnd = 3;
    private const double HoldEnd = 8;
    private const double PlanEnd = 10;

    private SyntheticRun(IReadOnlyList<Connection> connections) => Connections = connections;

    public IReadOnlyList<Connection> Connections { get; }

    public static SyntheticRun Generate(int seed, int connectionCount)
    {
        var random = new Random(seed);
        var connections = new List<Connection>();
        for (var id = 0; id < connectionCount; id++)
        {
            var connectAt = random.NextDouble() * RampUpEnd;
            var fails = random.NextDouble() < 0.05;
            double? dropAt = !fails && random.NextDouble() < 0.1 ? connectAt + (random.NextDouble() * 6) : null;
            var closeAt = HoldEnd + (random.NextDouble() * (PlanEnd - HoldEnd + 1.5));
            var end = Math.Min(dropAt ?? double.MaxValue, closeAt);
            var messages = new List<Message>();
            if (!fails)
            {
                for (var at = connectAt + random.NextDouble(); at < end; at += 0.2 + random.NextDouble())
                {
                    var rtt = (long)Math.Exp(random.NextDouble() * 10) + 100;
                    var response = rtt + (random.NextDouble() < 0.05 ? random.Next(1000, 500_000) : 0);
                    var received = at + (response / 1e6);
                    messages.Add(new Message(at, received < end && random.NextDouble() > 0.02 ? received : null, rtt, response, random.Next(3) == 0 ? "blob" : "chat", random.Next(40, 4000)));
                }
            }

            connections.Add(new Connection(id, connectAt, random.Next(200, 30_000), fails, dropAt, closeAt, messages));
        }

        return new SyntheticRun(connections);
    }

    /// <summary>The snapshot of interval <paramref name="index"/> that a process holding <paramref name="held"/> takes.</summary>
    public static IntervalSnapshot Snapshot(int index, IReadOnlyList<Connection> held, string process)
    {
        double from = index, to = index + 1;
        bool In(double? t) => t is { } v && v >= from && v < to;
        var established = held.Where(c => !c.Fails).ToList();
        var connects = held.Where(c => In(c.ConnectAt)).ToList();
        var drops = established.Where(c => In(c.DropAt)).ToList();
        var closes = established.Where(c => c.DropAt is null || c.DropAt > c.CloseAt).Where(c => In(c.CloseAt)).ToList();
        var sent = established.SelectMany(c => c.Messages).Where(m => In(m.SentAt)).ToList();
        var received = established.SelectMany(c => c.Messages).Where(m => In(m.ReceivedAt)).ToList();
        var failures = connects.Count(c => c.Fails);
        return new IntervalSnapshot
        {
            Index = index,
            StartSeconds = from,
            EndSeconds = to,
            Phase = to < RampUpEnd ? PlanPhase.RampUp : to < HoldEnd ? PlanPhase.Hold : to < PlanEnd ? PlanPhase.RampDown : PlanPhase.Closing,
            TargetConnections = held.Count(c => c.ConnectAt <= to && c.CloseAt > to),
            OpenConnections = established.Count(c => c.ConnectAt <= to && Math.Min(c.DropAt ?? double.MaxValue, c.CloseAt) > to),
            Counters = new SnapshotCounters
            {
                ConnectsAttempted = connects.Count,
                ConnectsEstablished = connects.Count - failures,
                ConnectsFailed = failures,
                Dropped = drops.Count,
                ClosedNormally = closes.Count,
                Sent = sent.Count,
                Received = received.Count,
                BytesSent = sent.Sum(m => (long)m.Bytes),
                BytesReceived = received.Sum(m => (long)m.Bytes),
                Errors = failures + drops.Count,
            },
            Histograms = new Dictionary<string, HistogramCounts>
            {
                [HistogramNames.Rtt] = Counts(received.Select(m => m.RttMicros)),
                [HistogramNames.Response] = Counts(received.Select(m => m.ResponseMicros)),
                [HistogramNames.Connect] = Counts(connects.Where(c => !c.Fails).Select(c => c.ConnectMicros)),
            },
            MessageTypes = sent.Select(m => m.Type).Concat(received.Select(m => m.Type)).Distinct().ToDictionary(type => type, type => new MessageTypeInterval
            {
                Sent = sent.Count(m => m.Type == type),
                Received = received.Count(m => m.Type == type),
                Bytes = sent.Where(m => m.Type == type).Sum(m => (long)m.Bytes),
                Rtt = Counts(received.Where(m => m.Type == type).Select(m => m.RttMicros)),
            }),
            ErrorsByClass = Counted(("connect-refused", failures), ("close-1006-abnormal", drops.Count)),
            HandshakeStatuses = Counted(("101", connects.Count - failures), ("503", failures)),
            CloseCodes = Counted(("1000", closes.Count), ("1006", drops.Count)),
            DropTimes = [.. drops.Select(c => c.DropAt!.Value).Order()],
            Events = [.. drops.OrderBy(c => c.DropAt).Select(c => new RunEvent { AtSeconds = c.DropAt!.Value, Source = RunEventSource.Client, Kind = "connections-dropped", Description = $"connection {c.Id} dropped", Count = 1 })],

            // Every process reports the same generator health here, so that the busiest one is the same however the run
            // is split: a real split changes each process's health, which is per process and never merged.
            Processes = [new ProcessHealth { Process = process, Generator = new GeneratorSample { CpuPercent = 10 + index, Saturated = index == 5, SaturationReasons = index == 5 ? ["scheduling-lag: 80 ms"] : null } }],
        };
    }

    private static HistogramCounts Counts(IEnumerable<long> values) => HistogramCounts.From(HistogramCountsTests.Histogram(values));

    private static Dictionary<string, long> Counted(params (string Key, long Count)[] counts) =>
        counts.Where(c => c.Count > 0).ToDictionary(c => c.Key, c => c.Count);

    internal sealed record Connection(int Id, double ConnectAt, long ConnectMicros, bool Fails, double? DropAt, double CloseAt, IReadOnlyList<Message> Messages);

    internal sealed record Message(double SentAt, double? ReceivedAt, long RttMicros, long ResponseMicros, string Type, int Bytes);
}
