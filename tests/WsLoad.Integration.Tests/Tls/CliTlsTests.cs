using WsLoad.Cli;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Tls;

/// <summary>wss:// through the command line: <c>wsload serve --tls-cert</c> as a process, <c>wsload run</c> in this process with the real engine.</summary>
public sealed class CliTlsTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose()
    {
        _timeout.Dispose();
        _certificates.Dispose();
    }

    [Fact]
    public async Task Run_against_serve_over_wss_needs_insecure_for_an_untrusted_certificate()
    {
        await using var server = WsLoadProcess.Start("serve", "--port", "0", "--tls-cert", _certificates.ServerCertPem, "--tls-key", _certificates.ServerKeyPem);
        var line = await server.ReadLineAsync(_timeout.Token);
        Assert.StartsWith("listening wss://127.0.0.1:", line);
        var url = line["listening ".Length..];

        var (verified, verifiedOut) = await RunAsync(url);
        var (insecure, insecureOut) = await RunAsync(url, "--insecure");

        Assert.True(verified == ExitCodes.Interrupted, verifiedOut);
        Assert.Contains("connect-tls", verifiedOut);
        Assert.Contains("--insecure", verifiedOut);
        Assert.True(insecure == ExitCodes.Passed, insecureOut);
    }

    /// <summary><c>wsload run --url URL ... --quiet EXTRA</c> in this process; returns the exit code and stdout + stderr.</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string url, params string[] extra)
    {
        var outDir = Path.Combine(_certificates.Folder, "run-" + Guid.NewGuid().ToString("N"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        string[] args =
        [
            "run", "--url", url, "--connections", "10", "--ramp", "linear:500ms", "--hold", "1s", "--rate", "4/s",
            "--threshold", "messages.lost == 0", "--out", outDir, "--quiet", .. extra,
        ];
        var exitCode = await WsLoadCli.InvokeAsync(args, CliConsole.Plain(stdout, stderr), new CliServices(), _timeout.Token);
        return (exitCode, stdout + " / " + stderr);
    }
}
