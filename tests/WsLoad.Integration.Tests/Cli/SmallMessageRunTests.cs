using WsLoad.Cli;
using WsLoad.Server;
using WsLoad.Tests.Cli.BadInput;

namespace WsLoad.Tests.Cli;

/// <summary>
/// <c>wsload run --size 40</c>, the smallest generated text message, against the embedded echo server on loopback:
/// every echo is correlated exactly. One byte less is refused before anything runs, with the minimum and what to do.
/// </summary>
public sealed class SmallMessageRunTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly RealCli _cli = new();

    private CancellationToken Timeout => _timeout.Token;

    public void Dispose()
    {
        _cli.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Forty_byte_text_messages_are_each_correlated_exactly()
    {
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), Timeout);

        var exitCode = await _cli.RunAsync(
            Timeout, "--url", server.WebSocketUrl.AbsoluteUri, "-c", "20", "--ramp", "burst", "--hold", "2s", "--rate", "20/s", "--size", "40", "-q");

        Assert.True(exitCode == ExitCodes.Passed, $"exit {exitCode}; {_cli}");
        var result = await _cli.ReadRunJsonAsync(Timeout);
        var messages = result.Summary.Messages;
        Assert.True(messages.Sent >= 400, $"sent {messages.Sent}"); // 20 connections x 20/s x 2 s = 800 planned
        Assert.Equal(messages.Sent * 40, messages.BytesSent);
        Assert.Equal(messages.Sent, messages.Received);
        Assert.Equal(messages.Sent * 40, messages.BytesReceived);
        Assert.Equal((0L, 0L, 0L, 0L), (messages.Lost, messages.Corrupted, messages.Duplicated, messages.OutOfOrder));
        Assert.Equal(messages.Received, result.Summary.LatencyMs.Rtt!.Count);
        Assert.Equal(messages.Received, result.Summary.LatencyMs.Response!.Count);
        Assert.Equal(messages.Sent, server.GetStats().MessagesOut);
    }

    [Fact]
    public async Task Thirty_nine_bytes_are_refused_with_the_minimum_and_what_to_do()
    {
        var exitCode = await _cli.RunAsync(Timeout, "--url", "ws://127.0.0.1:9/", "-c", "1", "--hold", "1s", "--size", "39", "-q");

        Assert.Equal(ExitCodes.UsageError, exitCode);
        var error = Assert.Single(_cli.ErrorLines);
        Assert.StartsWith("messages.types[0].size: text messages need at least 40 bytes to carry the correlation stamp; got 39.", error, StringComparison.Ordinal);
        Assert.Contains("(--size 40)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.RunJsonPath));
    }
}
