using WsLoad.Scenarios;

namespace WsLoad.Tests;

public class ScenarioModelTests
{
    [Fact]
    public void Size_spec_prints_as_written()
    {
        Assert.Equal("100", SizeSpec.Fixed(100).ToString());
        Assert.Equal("64-1024", SizeSpec.Range(64, 1024).ToString());
        Assert.Equal("[64, 128]", SizeSpec.OneOf(64, 128).ToString());
    }
}
