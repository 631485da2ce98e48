using System.Text;
using WsLoad.Engine;

namespace WsLoad.Tests.Engine;

public class JsonFieldLocatorTests
{
    [Theory]
    [InlineData("{\"id\":\"abc\"}", "id", "abc")]
    [InlineData("{\"x\":1,\"meta\":{\"other\":{\"id\":\"no\"},\"id\":\"yes\"}}", "meta.id", "yes")]
    [InlineData("{\"list\":[{\"id\":\"no\"}],\"id\":\"top\"}", "id", "top")]
    [InlineData("{\"id\":5}", "id", null)]
    [InlineData("{\"meta\":{\"id\":\"x\"}}", "id", null)]
    [InlineData("not json", "id", null)]
    public void Finds_the_string_at_a_dotted_path(string json, string path, string? expected)
    {
        var found = JsonFieldLocator.TryFindString(Encoding.UTF8.GetBytes(json), path.Split('.'), out var value);

        Assert.Equal(expected is not null, found);
        if (expected is not null)
        {
            Assert.Equal(expected, Encoding.UTF8.GetString(value));
        }
    }
}
