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

    [Theory]
    [InlineData("{\"type\":\"ack\",\"id\":\"abc\"}", true, true)]
    [InlineData("{\"type\":\"ack\",\"id\":\"abc\"|", true, false)] // the last byte flipped: the id was read, the document is broken
    [InlineData("{\"id\":\"abc\",\"meta\":{\"n\":1}", true, false)] // cut short after the id
    [InlineData("{\"id\":\"abc\"} {\"id\":\"def\"}", true, false)] // two documents in one message
    [InlineData("{\"other\":1,", false, false)]
    [InlineData("{\"other\":1}", false, true)]
    public void Reads_to_the_end_to_tell_a_broken_document_even_after_the_field(string json, bool found, bool wellFormed)
    {
        var actual = JsonFieldLocator.TryFindString(Encoding.UTF8.GetBytes(json), ["id"], out var value, out var actualWellFormed);

        Assert.Equal((found, wellFormed), (actual, actualWellFormed));
        if (found)
        {
            Assert.Equal("abc", Encoding.UTF8.GetString(value));
        }
    }
}
