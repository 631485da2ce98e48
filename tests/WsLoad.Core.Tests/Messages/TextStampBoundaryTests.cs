using System.Diagnostics;
using WsLoad.Messages;
using WsLoad.Metrics;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Messages;

/// <summary>
/// The text stamp carries low bits and the receiver restores the rest: exact up to each bound, and past it the
/// checksum says the message is damaged instead of a wrong sequence or latency being recorded. Times are in
/// nanosecond ticks, the Stopwatch frequency on Linux.
/// </summary>
public class TextStampBoundaryTests
{
    private const long Second = 1_000_000_000;
    private const long Hour = 3_600 * Second;

    /// <summary>A timestamp 24 hours into a run on a machine up for a while.</summary>
    private const long DayIntoRun = 5_000 * Hour + (24 * Hour);

    private static readonly Dictionary<string, (MessageStamp Stamp, StampContext Context)> Exact = new()
    {
        ["the highest connection id"] = (Stamp(int.MaxValue, 7), Context(int.MaxValue, 7)),
        ["connection id 0"] = (Stamp(0, 7), Context(0, 7)),
        ["the first sequence"] = (Stamp(42, 1), Context(42, 1)),
        ["a sequence past 2^40"] = (Stamp(42, (1L << 40) + 5), Context(42, (1L << 40) + 5)),
        ["the last sequence of a long"] = (Stamp(42, long.MaxValue), Context(42, long.MaxValue)),
        ["2^24 - 1 later sends before the answer"] = (Stamp(42, 1_000), Context(42, 1_000 + (1 << 24) - 1)),
        ["an answer 24 hours after the send"] = (Stamp(42, 7), Context(42, 7, now: DayIntoRun + (24 * Hour))),
        ["an answer 2^48 - 1 ticks after the send"] = (Stamp(42, 7), Context(42, 7, now: DayIntoRun + (1L << 48) - 1)),
        ["a send 4 hours late"] = (Stamp(42, 7, delay: 4 * Hour), Context(42, 7)),
        ["no send delay"] = (Stamp(42, 7, delay: 0), Context(42, 7)),
        ["the longest send delay"] = (Stamp(42, 7, delay: StampCodec.MaxTextDelayTicks), Context(42, 7)),
        ["timestamps near the top of a long"] = (Stamp(42, 7) with { IntendedTimestamp = long.MaxValue - (2 * Second), SentTimestamp = long.MaxValue - Second }, Context(42, 7, now: long.MaxValue)),
        ["negative timestamps"] = (Stamp(42, 7) with { IntendedTimestamp = -3 * Second, SentTimestamp = -2 * Second }, Context(42, 7, now: -Second)),
        ["the highest type"] = (Stamp(42, 7) with { TypeIndex = StampCodec.MaxTextTypeIndex }, Context(42, 7)),
    };

    private static readonly Dictionary<string, (MessageStamp Stamp, StampContext Context)> Damaged = new()
    {
        ["2^24 later sends before the answer"] = (Stamp(42, 1_000), Context(42, 1_000 + (1 << 24))),
        ["an answer 2^48 ticks after the send"] = (Stamp(42, 7), Context(42, 7, now: DayIntoRun + (1L << 48))),
        ["another connection whose id has the same low 18 bits"] = (Stamp(42 + (1 << 18), 7), Context(42, 7)),
    };

    public static TheoryData<string> ExactCases => [.. Exact.Keys];

    public static TheoryData<string> DamagedCases => [.. Damaged.Keys];

    [Theory]
    [MemberData(nameof(ExactCases))]
    public void Within_its_bounds_the_text_stamp_round_trips_exactly(string name)
    {
        var (stamp, context) = Exact[name];

        var (read, intact) = RoundTrip(stamp, context);

        Assert.True(intact, name);
        Assert.Equal(stamp, read);
    }

    [Theory]
    [MemberData(nameof(DamagedCases))]
    public void Past_its_bounds_the_text_stamp_fails_its_checksum(string name)
    {
        var (stamp, context) = Damaged[name];

        var (_, intact) = RoundTrip(stamp, context);

        Assert.False(intact, name);
    }

    [Fact]
    public void Another_connections_stamp_names_another_connection()
    {
        var (read, _) = RoundTrip(Stamp(43, 7), Context(42, 7));

        Assert.NotEqual(42, read.ConnectionId);
    }

    [Theory]
    [InlineData(1)]
    [InlineData((24 * Hour) - StampCodec.MaxTextDelayTicks)] // a generator 24 hours behind its schedule
    [InlineData(100 * Hour)]
    [InlineData(long.MaxValue / 2)]
    public void A_send_delay_past_the_longest_is_stamped_as_the_longest_and_records_the_same_response_time(long beyond)
    {
        var late = Stamp(42, 7, delay: StampCodec.MaxTextDelayTicks + beyond);
        var context = Context(42, 7);

        var (read, intact) = RoundTrip(late, context);

        Assert.True(intact);
        Assert.Equal(late with { IntendedTimestamp = late.SentTimestamp - StampCodec.MaxTextDelayTicks }, read);

        // Latencies are recorded up to an hour; both response times are beyond it on this machine's clock.
        Assert.True(StampCodec.MaxTextDelayTicks >= (double)LatencyRecorder.HighestTrackableMicros * Stopwatch.Frequency / 1e6);
        Assert.Equal(Recorded(context.Now - late.IntendedTimestamp), Recorded(context.Now - read.IntendedTimestamp));
        Assert.Equal(LatencyRecorder.HighestTrackableMicros, Recorded(context.Now - read.IntendedTimestamp));
    }

    [Fact]
    public void An_intended_time_after_the_send_is_stamped_as_the_send_time()
    {
        var early = Stamp(42, 7, delay: -Second);

        var (read, intact) = RoundTrip(early, Context(42, 7));

        Assert.True(intact);
        Assert.Equal(early with { IntendedTimestamp = early.SentTimestamp }, read);
    }

    [Fact]
    public void A_text_stamp_has_room_for_256_message_types()
    {
        Assert.Equal(255, StampCodec.MaxTextTypeIndex);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PayloadWriter(new MessageType(), typeIndex: 256));
    }

    private static MessageStamp Stamp(int connection, long sequence, long delay = 250_000) =>
        new(connection, sequence, DayIntoRun - delay, DayIntoRun, TypeIndex: 1);

    /// <summary>The receiving connection, answered 180 µs after the send unless <paramref name="now"/> says otherwise.</summary>
    private static StampContext Context(int connection, long lastSequence, long now = DayIntoRun + 180_000) => new(connection, lastSequence, now);

    private static (MessageStamp Read, bool Intact) RoundTrip(MessageStamp stamp, StampContext context)
    {
        var writer = new PayloadWriter(new MessageType { Size = SizeSpec.Fixed(PayloadWriter.MinTextSize) }, stamp.TypeIndex);
        var buffer = new byte[writer.MaxLength];
        var length = writer.Write(buffer, stamp, 0, 0, 0);
        Assert.Equal(PayloadWriter.MinTextSize, length);
        Assert.True(StampCodec.TryRead(buffer.AsSpan(0, length), context, out var read, out var intact));
        return (read, intact);
    }

    /// <summary>What the response time histogram records for a round trip of <paramref name="ticks"/> at Stopwatch frequency.</summary>
    private static long Recorded(long ticks) =>
        Math.Clamp((long)(ticks * 1_000_000.0 / Stopwatch.Frequency), 0, LatencyRecorder.HighestTrackableMicros);
}
