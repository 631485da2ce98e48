using WsLoad.Engine;

namespace WsLoad.Tests.Engine;

public class SequenceTrackerTests
{
    [Theory]
    [InlineData(new long[] { 1, 2, 3 }, 0, 0, 3)]
    [InlineData(new long[] { 1, 3, 2 }, 1, 0, 3)]
    [InlineData(new long[] { 1, 2, 2 }, 0, 1, 2)]
    [InlineData(new long[] { 1, 3, 2, 3, 2 }, 1, 2, 3)]
    [InlineData(new long[] { 100, 1 }, 1, 0, 2)]
    [InlineData(new long[] { 5, 4, 4, 70, 5 }, 2, 1, 4)]
    public void Counts_reordering_and_duplicates(long[] arrivals, int outOfOrder, int duplicates, int unique)
    {
        var session = new ClientSession(1, 1);
        var seen = arrivals.Select(s => SequenceTracker.Observe(session, s)).ToList();

        Assert.Equal(outOfOrder, seen.Count(v => v == SequenceVerdict.OutOfOrder));
        Assert.Equal(duplicates, seen.Count(v => v == SequenceVerdict.Duplicate));
        Assert.Equal(unique, session.ReceivedUnique);
    }
}
