using System.Globalization;
using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Planning;

/// <summary>Segment sequences for the segment tests: even ones of 1 to 8 parts, uneven ones, and seeded random ones.</summary>
internal static class SegmentationCases
{
    public static IEnumerable<ExecutionSegmentSequence> All()
    {
        for (var parts = 1; parts <= 8; parts++)
        {
            yield return ExecutionSegmentSequence.Even(parts);
        }

        foreach (var text in new[] { "0,1/7,1/2,1", "0,1/10,1", "0,1/2,3/4,7/8,1", "0,0.3,0.55,1", "0,1%,99%,1", "0,1/3,1/2,5/6,1" })
        {
            yield return ExecutionSegmentSequence.Parse(text);
        }

        // Random cuts: 2 to 8 parts, denominators up to 60, from a fixed seed so a failure names its sequence.
        var random = new Random(20261127);
        for (var i = 0; i < 24; i++)
        {
            var denominator = random.Next(2, 61);
            var parts = random.Next(2, Math.Min(8, denominator) + 1);
            var cuts = Enumerable.Range(1, denominator - 1).OrderBy(_ => random.Next()).Take(parts - 1).Order();
            var bounds = cuts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c}/{denominator}")).Prepend("0").Append("1");
            yield return ExecutionSegmentSequence.Parse(string.Join(',', bounds));
        }
    }

    /// <summary>Every plan of <see cref="PlanCases.EveryStrategy"/> cut by every sequence of <see cref="All"/>.</summary>
    public static TheoryData<string, ConnectionOptions> Plans() => PlanCases.EveryStrategy();

    /// <summary>The plans of every segment of <paramref name="sequence"/>.</summary>
    public static ConnectionPlan[] Cut(ConnectionOptions options, ExecutionSegmentSequence sequence) =>
        [.. sequence.Segments.Select(segment => ConnectionPlan.Create(options, segment))];
}
