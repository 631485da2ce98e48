using WsLoad.Secrets;

namespace WsLoad.Tests.Secrets;

public sealed class SecretRedactionTests
{
    [Theory]
    [InlineData("--webhook")]
    [InlineData("--prometheus-remote-write")]
    public void The_value_of_a_secret_flag_is_masked_whole_in_both_forms(string flag)
    {
        const string Token = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";

        var spaced = SecretRedaction.CommandLine(["wsload", "run", flag, Token, "--connections", "10"]);
        var joined = SecretRedaction.CommandLine(["wsload", "run", $"{flag}={Token}", "-c", "10"]);

        Assert.Equal($"wsload run {flag} *** --connections 10", spaced);
        Assert.Equal($"wsload run {flag}=*** -c 10", joined);
    }

    [Fact]
    public void A_url_password_is_masked_and_the_rest_of_the_url_kept()
    {
        Assert.Equal("ws://user:***@127.0.0.1:8080/ws?x=1", SecretRedaction.Url("ws://user:hunter2@127.0.0.1:8080/ws?x=1"));
        Assert.Equal("a http://u:***@h/ and https://v:***@k", SecretRedaction.Url("a http://u:p@h/ and https://v:q@k"));
    }

    [Theory]
    [InlineData("ws://127.0.0.1:8080/ws")]
    [InlineData("ws://user@127.0.0.1/")] // a user without a password names nobody's secret
    [InlineData("no url here")]
    [InlineData("http://h/path@x:y")] // an @ after the authority is not user information
    public void Text_without_a_url_password_is_unchanged(string text) => Assert.Equal(text, SecretRedaction.Url(text));

    [Fact]
    public void Words_with_spaces_are_quoted_so_the_line_can_be_pasted_back()
    {
        Assert.Equal("wsload run -H 'Name=a b'", SecretRedaction.CommandLine(["wsload", "run", "-H", "Name=a b"]));
    }
}
