using HdrHistogram;
using Microsoft.Extensions.Time.Testing;
using WsLoad.Engine;
using WsLoad.Messages;
using WsLoad.Metrics;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Engine;

/// <summary>
/// 40-byte text messages, the smallest generated ones: accepted by validation, and their echoes correlated with
/// exact service and response times on a fake clock.
/// </summary>
public sealed class SmallMessageTests
{
    private static readonly TimeSpan Rtt = TimeSpan.FromMicroseconds(250);

    [Fact]
    public void Echoes_of_40_byte_messages_give_exact_service_and_response_times()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        var counters = new RunCounters();
        var options = new MessageOptions { RatePerSecond = 1, Types = [new MessageType { Name = "ping", Size = SizeSpec.Fixed(40) }] };
        var traffic = new MessageTraffic(options, time, time.GetTimestamp(), counters, new FailureLog());
        var session = new ClientSession(7, 0);
        var writer = traffic.PickWriter(0);

        // Three sends at the same moment, meant 0.5, 1 and 1.5 ms before it (a late send loop catching up).
        time.Advance(TimeSpan.FromSeconds(30));
        var sent = time.GetTimestamp();
        var echoes = new List<byte[]>();
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            var buffer = new byte[writer.MaxLength];
            var intended = sent - (sequence * time.TimestampFrequency / 2_000);
            var length = writer.Write(buffer, new MessageStamp(session.Id, sequence, intended, sent, writer.TypeIndex), 0, 0, 0);
            Assert.Equal(40, length);
            echoes.Add(buffer[..length]);
        }

        session.LastSequence = 3;
        time.Advance(Rtt);
        foreach (var echo in echoes)
        {
            traffic.OnReceived(session, echo);
        }

        var counts = counters.Snapshot();
        Assert.Equal((3L, 0L, 0L, 0L), (counts.Received, counts.Corrupted, counts.Duplicated, counts.OutOfOrder));
        Assert.Equal([(250L, 3L)], Values(traffic.ServiceTime.TakeInterval()));
        Assert.Equal([(750L, 1L), (1250L, 1L), (1750L, 1L)], Values(traffic.ResponseTime.TakeInterval()));
    }

    [Fact]
    public void An_echo_of_another_connections_small_message_is_not_taken_for_one_of_ours()
    {
        var time = new FakeTimeProvider();
        var counters = new RunCounters();
        var options = new MessageOptions { RatePerSecond = 1, Types = [new MessageType { Name = "ping", Size = SizeSpec.Fixed(40) }] };
        var traffic = new MessageTraffic(options, time, time.GetTimestamp(), counters, new FailureLog());
        var writer = traffic.PickWriter(0);
        var session = new ClientSession(7, 0) { LastSequence = 1 };

        // The same low 18 bits (detected by the checksum) and different ones (detected by the id).
        foreach (var other in new[] { 7 + (1 << 18), 8 })
        {
            var buffer = new byte[writer.MaxLength];
            var now = time.GetTimestamp();
            var length = writer.Write(buffer, new MessageStamp(other, 1, now, now, 0), 0, 0, 0);
            traffic.OnReceived(session, buffer.AsSpan(0, length));
        }

        Assert.Equal(2, counters.Snapshot().Corrupted);
        Assert.Equal(0, traffic.ServiceTime.TakeInterval().TotalCount);
    }

    [Theory]
    [InlineData(PayloadFormat.Text, 40, true)]
    [InlineData(PayloadFormat.Text, 39, false)]
    [InlineData(PayloadFormat.Binary, 38, true)]
    [InlineData(PayloadFormat.Binary, 37, false)]
    public void Validation_accepts_the_smallest_sizes_that_hold_the_stamp_and_says_what_to_do_below(PayloadFormat format, int size, bool valid)
    {
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:9/") },
            Messages = new MessageOptions { Types = [new MessageType { Name = "ping", Format = format, Size = SizeSpec.Range(size, 100) }] },
        };

        var errors = LoadTest.Validate(scenario);

        if (valid)
        {
            Assert.Empty(errors);
            return;
        }

        var error = Assert.Single(errors);
        var minimum = size + 1;
        Assert.Equal("messages.types[0].size", error.Field);
        Assert.Contains($"need at least {minimum} bytes to carry the correlation stamp; got {size}-100", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(--size {minimum})", error.Message, StringComparison.Ordinal);
        Assert.Contains("'{{stamp}}' alone is 32 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_refuses_more_message_types_than_a_stamp_can_name()
    {
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:9/") },
            Messages = new MessageOptions { Types = [.. Enumerable.Range(0, 257).Select(i => new MessageType { Name = $"t{i}" })] },
        };

        var error = Assert.Single(LoadTest.Validate(scenario));

        Assert.Equal("messages.types", error.Field);
        Assert.StartsWith("at most 256 message types", error.Message, StringComparison.Ordinal);
    }

    private static List<(long Value, long Count)> Values(HistogramBase histogram) =>
        histogram.RecordedValues().Select(v => (v.ValueIteratedTo, v.CountAtValueIteratedTo)).ToList();
}
