using WsLoad.Results;

namespace WsLoad.Tests.Metrics;

public sealed class AvailabilityPartsTests
{
    [Fact]
    public void Parts_of_two_processes_merge_to_the_figures_of_one_holding_every_connection()
    {
        var a = new AvailabilityParts { UpSeconds = 50, WindowSeconds = 60, ConnectionFractions = [0.5, 1, 1] };
        var b = new AvailabilityParts { UpSeconds = 39, WindowSeconds = 40, ConnectionFractions = [0.9, 1] };
        var whole = new AvailabilityParts { UpSeconds = 89, WindowSeconds = 100, ConnectionFractions = [0.5, 0.9, 1, 1, 1] };

        var merged = AvailabilityParts.Merge([a, b]).Summarize(drops: 2, recovery: null);

        Assert.Equal(whole.Summarize(drops: 2, recovery: null), merged);
        Assert.Equal((89.0, 50.0, 100.0, 2L, 44.5), (merged!.OverallPercent, merged.MinConnectionPercent, merged.MedianConnectionPercent, merged.ConnectionsBelowFull, merged.MtbfSeconds!.Value));
    }

    [Fact]
    public void No_connection_with_a_window_has_no_figure()
    {
        Assert.Null(new AvailabilityParts().Summarize(drops: 0, recovery: null));
    }
}
