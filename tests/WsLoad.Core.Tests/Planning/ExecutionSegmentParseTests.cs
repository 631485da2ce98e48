using WsLoad.Planning;

namespace WsLoad.Tests.Planning;

/// <summary>Reading segments and sequences: the forms accepted, exact values, and an error that says what is wrong.</summary>
public class ExecutionSegmentParseTests
{
    public static TheoryData<string, string, string> Segments() => new()
    {
        // text, the segment read back, its sequence
        { "1/3:2/3", "1/3:2/3", "0,1/3,2/3,1" },
        { "0:1", "0:1", "0,1" },
        { "1", "0:1", "0,1" },
        { "1/4", "0:1/4", "0,1/4,1" },
        { "2/4:6/8", "1/2:3/4", "0,1/2,3/4,1" },
        { "0.5:1", "1/2:1", "0,1/2,1" },
        { "25%:50%", "1/4:1/2", "0,1/4,1/2,1" },
        { "12.5%:0.25", "1/8:1/4", "0,1/8,1/4,1" },
        { " 1/3 : .5 ", "1/3:1/2", "0,1/3,1/2,1" },
        { "0.3333:1", "3333/10000:1", "0,3333/10000,1" },
    };

    [Theory]
    [MemberData(nameof(Segments))]
    public void A_segment_is_read_exactly(string text, string expected, string sequence)
    {
        var segment = ExecutionSegment.Parse(text);

        Assert.Equal(expected, segment.ToString());
        Assert.Equal(sequence, segment.Sequence.ToString());
    }

    [Fact]
    public void The_whole_run_is_the_full_segment()
    {
        Assert.Equal(ExecutionSegment.Full, ExecutionSegment.Parse("0:1"));
        Assert.Equal(ExecutionSegment.Full, ExecutionSegment.Parse("100%"));
        Assert.True(ExecutionSegment.Full.IsFull);
        Assert.False(ExecutionSegment.Parse("0:1/2").IsFull);
        Assert.Equal("0:1", ExecutionSegment.Full.ToString());
        Assert.Equal(ExecutionSegmentSequence.Whole, ExecutionSegmentSequence.Even(1));
    }

    [Fact]
    public void A_segment_named_in_a_sequence_is_that_sequence_s()
    {
        var segment = ExecutionSegment.Parse("1/3:2/3", "0,1/3,2/3,5/6,1");

        Assert.Equal(1, segment.Index);
        Assert.Equal("0,1/3,2/3,5/6,1", segment.Sequence.ToString());
        Assert.NotEqual(ExecutionSegment.Parse("1/3:2/3"), segment); // another sequence deals the slots otherwise
        Assert.Equal(ExecutionSegmentSequence.Parse("0,1/3,2/3,5/6,1").Segments[1], segment);
    }

    [Fact]
    public void Even_sequences_and_their_text_round_trip()
    {
        var sequence = ExecutionSegmentSequence.Even(4);

        Assert.Equal("0,1/4,1/2,3/4,1", sequence.ToString());
        Assert.Equal(["0:1/4", "1/4:1/2", "1/2:3/4", "3/4:1"], sequence.Segments.Select(s => s.ToString()));
        Assert.Equal(sequence, ExecutionSegmentSequence.Parse(sequence.ToString()));
        Assert.Equal(sequence.GetHashCode(), ExecutionSegmentSequence.Parse("0,25%,0.5,3/4,1").GetHashCode());
        Assert.Throws<ArgumentOutOfRangeException>(() => ExecutionSegmentSequence.Even(0));
    }

    public static TheoryData<string, string> BadSegments() => new()
    {
        // text, part of the message
        { "", "is not a fraction" },
        { "half", "is not a fraction (1/3), a decimal (0.25) or a percentage (25%)" },
        { "1/0", "divides by zero" },
        { "-1/3:1", "is not a fraction" },
        { "1e-1", "is not a fraction" },
        { "1.", "is not a fraction" },
        { "x%", "is not a fraction" },
        { "2/3:1/3", "is empty: it must start below its end" },
        { "1/2:1/2", "is empty" },
        { "0", "is empty" },
        { "0:3/2", "ends at 3/2, beyond 1" },
        { "150%", "beyond 1" },
        { "1/3:2/3:1", "'2/3:1' is not a fraction" },
        { "0.1234567890123456", "more than 15 decimals" },
        { "99999999999999999999/3", "too large to hold exactly" },
        { "0:1/1000003", "common denominator above 1,000,000" },
        { "0.333333333333333:1", "common denominator above 1,000,000; use simpler fractions" },
    };

    [Theory]
    [MemberData(nameof(BadSegments))]
    public void A_bad_segment_is_refused_saying_why(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ExecutionSegment.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadSequences() => new()
    {
        { "", "is not a fraction" },
        { "1", "needs at least two bounds" },
        { "0,,1", "bound 2: '' is not a fraction" },
        { "0,1/2", "runs from 0 to 1/2; it must run from 0 to 1" },
        { "1/3,1", "runs from 1/3 to 1" },
        { "0,1/2,1/2,1", "has 1/2 after 1/2; bounds must increase" },
        { "0,2/3,1/3,1", "has 1/3 after 2/3" },
        { "0,3/2,1", "has 1 after 3/2" },
        { "0,1/1001,1/1000,1", "common denominator above 1,000,000" },
        { "0,1/3,abc,1", "bound 3: 'abc' is not a fraction" },
    };

    [Theory]
    [MemberData(nameof(BadSequences))]
    public void A_bad_sequence_is_refused_saying_why(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ExecutionSegmentSequence.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segment_that_is_not_one_of_the_sequence_s_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => ExecutionSegment.Parse("1/4:1/2", "0,1/3,2/3,1"));

        Assert.Contains("is not one of the segments of '0,1/3,2/3,1' (0:1/3, 1/3:2/3, 2/3:1)", error.Message, StringComparison.Ordinal);
    }
}
