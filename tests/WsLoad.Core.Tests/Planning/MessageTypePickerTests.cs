using WsLoad.Planning;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Planning;

public class MessageTypePickerTests
{
    public static TheoryData<double[], double, int> Picks() => new()
    {
        // weights, uniform draw, expected index
        { [1], 0, 0 },
        { [1], 0.9999999999999999, 0 },
        { [1, 1], 0, 0 },
        { [1, 1], 0.4999999, 0 },
        { [1, 1], 0.5, 1 },
        { [1, 3], 0.2499999, 0 },
        { [1, 3], 0.25, 1 },
        { [0, 1], 0, 1 },
        { [1, 0, 1], 0.5, 2 },
        { [1, 0], 0.9999999999999999, 0 },
        { [2, 0, 0, 2, 0], 0.9999999999999999, 3 },
        { [0.1, 0.2, 0.7], 0.3000001, 2 },
        { [0.1, 0.2, 0.7], 0.2999999, 1 },
    };

    [Theory]
    [MemberData(nameof(Picks))]
    public void Picks_by_cumulative_weight(double[] weights, double uniform, int expected)
    {
        var picker = new MessageTypePicker(weights);

        Assert.Equal(expected, picker.Pick(uniform));
    }

    [Theory]
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0 })]
    [InlineData(new[] { 5.0, 3.0, 2.0 })]
    [InlineData(new[] { 1.0, 0.0, 9.0 })]
    [InlineData(new[] { 0.25, 0.5, 0.125, 0.125 })]
    public void Proportions_over_a_uniform_grid_match_the_weights(double[] weights)
    {
        const int Grid = 100_000;
        var picker = new MessageTypePicker(weights);
        var counts = new int[weights.Length];

        for (var k = 0; k < Grid; k++)
        {
            counts[picker.Pick((double)k / Grid)]++;
        }

        var total = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.InRange(counts[i], (Grid * weights[i] / total) - 1, (Grid * weights[i] / total) + 1);
        }
    }

    [Fact]
    public void Built_from_message_types()
    {
        var picker = MessageTypePicker.For([new MessageType { Name = "small", Weight = 3 }, new MessageType { Name = "big", Weight = 1 }]);

        Assert.Equal(2, picker.Count);
        Assert.Equal(0, picker.Pick(0.7499));
        Assert.Equal(1, picker.Pick(0.75));
    }

    public static TheoryData<double[]> InvalidWeights() => new()
    {
        Array.Empty<double>(),
        new[] { 0.0, 0.0 },
        new[] { 1.0, -1.0 },
        new[] { double.NaN },
        new[] { double.PositiveInfinity },
        new[] { double.MaxValue, double.MaxValue },
    };

    [Theory]
    [MemberData(nameof(InvalidWeights))]
    public void Weights_that_cannot_be_drawn_from_are_refused(double[] weights) =>
        Assert.ThrowsAny<ArgumentException>(() => new MessageTypePicker(weights));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Draws_outside_the_unit_interval_are_refused(double uniform) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MessageTypePicker([1, 2]).Pick(uniform));
}
