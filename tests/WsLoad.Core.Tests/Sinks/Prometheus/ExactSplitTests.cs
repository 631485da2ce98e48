using WsLoad.Sinks.Prometheus;

namespace WsLoad.Tests.Sinks.Prometheus;

/// <summary>Each interval's total split among its parts: the published counts always add up to the totals.</summary>
public sealed class ExactSplitTests
{
    [Fact]
    public void What_no_part_claims_goes_to_the_remainder()
    {
        var split = new ExactSplit("other");

        var published = split.Split(10, Parts(("a", 6), ("b", 3)));

        Assert.Equal(new Dictionary<string, long> { ["a"] = 6, ["b"] = 3, ["other"] = 1 }, published);
    }

    [Fact]
    public void A_part_counted_before_its_total_is_owed_and_published_from_a_later_total()
    {
        var split = new ExactSplit("other");

        // The engine counts a message's total, then its type: an interval may see the type's count first.
        var first = split.Split(3, Parts(("a", 4)));
        var second = split.Split(5, Parts(("a", 4)));

        Assert.Equal(new Dictionary<string, long> { ["a"] = 3 }, first);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 5 }, second);
    }

    [Fact]
    public void Over_many_intervals_the_published_counts_equal_the_totals_and_each_part_its_own_once_totals_catch_up()
    {
        var random = new Random(17);
        var split = new ExactSplit("other");
        long total = 0, a = 0, published = 0, publishedA = 0;
        for (var i = 0; i < 200; i++)
        {
            // A part's count runs up to 2 ahead of or behind the total's cut, never past the whole.
            var partDelta = random.Next(0, 20);
            var totalDelta = Math.Max(0, partDelta + random.Next(-2, 5));
            total += totalDelta;
            a += partDelta;
            var counts = split.Split(totalDelta, Parts(("a", partDelta)));
            published += counts.Values.Sum();
            publishedA += counts.GetValueOrDefault("a");
            Assert.Equal(total, published);
        }

        var last = split.Split(a + 1000 - total, Parts()); // the totals catch up: the part gets what it is owed
        publishedA += last.GetValueOrDefault("a");
        Assert.Equal(a, publishedA);
    }

    private static KeyValuePair<string, long>[] Parts(params (string Label, long Count)[] parts) =>
        [.. parts.Select(p => KeyValuePair.Create(p.Label, p.Count))];
}
