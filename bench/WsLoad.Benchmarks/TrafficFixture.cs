using WsLoad.Engine;
using WsLoad.Messages;
using WsLoad.Metrics;
using WsLoad.Scenarios;

namespace WsLoad.Benchmarks;

/// <summary>A <see cref="MessageTraffic"/> for one message type with echo expected, and one open session, as the engine builds them.</summary>
internal sealed class TrafficFixture
{
    public TrafficFixture(string kind)
    {
        var options = new MessageOptions { RatePerSecond = 1, Expect = ExpectMode.Echo, Types = [BenchmarkMessages.Type(kind)] };
        Counters = new RunCounters();
        Failures = new FailureLog();
        Traffic = new MessageTraffic(options, TimeProvider.System, TimeProvider.System.GetTimestamp(), Counters, Failures);
        Session = new ClientSession(42, 0);
        _ = Session.TrySetState(ClientSession.Pending, ClientSession.Open);
    }

    public RunCounters Counters { get; }

    public FailureLog Failures { get; }

    public MessageTraffic Traffic { get; }

    public ClientSession Session { get; }

    /// <summary>Writes message <paramref name="sequence"/> of the session as the send loop would and marks it sent.</summary>
    public byte[] WriteSentMessage(long sequence)
    {
        var writer = Traffic.PickWriter(0.5);
        var buffer = new byte[writer.MaxLength];
        var now = TimeProvider.System.GetTimestamp();
        var length = writer.Write(buffer, new MessageStamp(Session.Id, sequence, now, now, writer.TypeIndex), 0.5, 1_790_000_000_000, 1);
        Session.LastSequence = Math.Max(Session.LastSequence, sequence);
        return buffer[..length];
    }

    /// <summary>Throws unless every echo so far was correlated (none corrupted, duplicated or failed).</summary>
    public void AssertAllCorrelated()
    {
        var counts = Counters.Snapshot();
        if (counts.Corrupted != 0 || counts.Duplicated != 0 || counts.Errors != 0 || Traffic.ServiceTime.TakeInterval().TotalCount == 0)
        {
            throw new InvalidOperationException($"echoes were not correlated: {counts}; failures: {Failures.MostCommon()}");
        }
    }
}
