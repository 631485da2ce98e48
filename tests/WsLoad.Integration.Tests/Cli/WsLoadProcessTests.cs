using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WsLoad.Tests.Cli;

/// <summary>wsload as a user runs it: a separate process, exit codes, stdout and signals.</summary>
public sealed class WsLoadProcessTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly string _outDir = Path.Combine(Path.GetTempPath(), "wsload-process-tests-" + Guid.NewGuid().ToString("N"));

    private CancellationToken Timeout => _timeout.Token;

    public void Dispose()
    {
        _timeout.Dispose();
        if (Directory.Exists(_outDir))
        {
            Directory.Delete(_outDir, recursive: true);
        }
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_0()
    {
        await using var wsload = WsLoadProcess.Start("--version");

        Assert.Equal(0, await wsload.WaitForExitAsync(Timeout));
        Assert.Matches(@"^\d+\.\d+\.\d+", wsload.StandardOutput);
    }

    [Fact]
    public async Task A_bad_flag_value_exits_2_with_the_error_on_stderr()
    {
        await using var wsload = WsLoadProcess.Start("run", "--url", "ws://127.0.0.1:1/ws", "--connections", "lots");

        Assert.Equal(2, await wsload.WaitForExitAsync(Timeout));
        Assert.Contains("'lots' is not a whole number", wsload.StandardError);
        Assert.Equal("", wsload.StandardOutput);
    }

    [Fact]
    public async Task Validate_exits_0_for_a_good_file_and_2_with_one_line_per_error_for_a_bad_one()
    {
        Directory.CreateDirectory(_outDir);
        var good = Path.Combine(_outDir, "good.yaml");
        var bad = Path.Combine(_outDir, "bad.yaml");
        await File.WriteAllTextAsync(good, "target:\n  url: ws://127.0.0.1:8080/ws\n", Timeout);
        await File.WriteAllTextAsync(bad, "target:\n  url: http://127.0.0.1/\nconnections:\n  count: -1\n", Timeout);

        await using (var ok = WsLoadProcess.Start("validate", good))
        {
            Assert.True(await ok.WaitForExitAsync(Timeout) == 0, ok.ToString());
            Assert.Equal($"{good}: ok", ok.StandardOutput.Trim());
        }

        await using var failing = WsLoadProcess.Start("validate", bad);
        Assert.Equal(2, await failing.WaitForExitAsync(Timeout));
        var lines = failing.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, failing.ToString());
        Assert.All(lines, line => Assert.StartsWith(bad + ":", line));
    }

    [Fact]
    public async Task Serve_prints_its_url_echoes_and_stops_on_sigint_with_exit_0()
    {
        await using var server = WsLoadProcess.Start("serve", "--port", "0");

        var url = await ReadListeningUrlAsync(server);
        using (var client = new ClientWebSocket())
        {
            await client.ConnectAsync(url, Timeout);
            await client.SendAsync(Encoding.UTF8.GetBytes("hello"), WebSocketMessageType.Text, endOfMessage: true, Timeout);
            var buffer = new byte[64];
            var received = await client.ReceiveAsync(buffer, Timeout);
            Assert.Equal("hello", Encoding.UTF8.GetString(buffer, 0, received.Count));
            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Timeout);
        }

        await server.SendInterruptAsync(Timeout);

        Assert.Equal(0, await server.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task Serve_owned_by_a_parent_stops_when_its_stdin_closes()
    {
        await using var server = WsLoadProcess.Start("serve", "--port", "0", "--owned-by-parent");
        await ReadListeningUrlAsync(server);

        server.CloseStandardInput();

        Assert.Equal(0, await server.WaitForExitAsync(Timeout));
    }

    [Fact]
    public async Task Run_with_json_output_prints_only_json_and_writes_run_json()
    {
        await using var server = WsLoadProcess.Start("serve", "--port", "0");
        var url = await ReadListeningUrlAsync(server);

        await using var run = WsLoadProcess.Start(
            "run", "--url", url.AbsoluteUri, "--connections", "5", "--ramp", "linear:1s", "--hold", "2s",
            "--rate", "5/s", "--threshold", "rtt.p99 < 5s", "--output", "json", "--out", _outDir);

        Assert.True(await run.WaitForExitAsync(Timeout) == 0, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.True(json.RootElement.TryGetProperty("summary", out _), run.StandardOutput);
        Assert.True(File.Exists(Path.Combine(_outDir, "run.json")));
    }

    private async Task<Uri> ReadListeningUrlAsync(WsLoadProcess server)
    {
        var line = await server.ReadLineAsync(Timeout);
        Assert.StartsWith("listening ws://127.0.0.1:", line);
        return new Uri(line["listening ".Length..]);
    }
}
