using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using WsLoad.Cli;
using WsLoad.Results;

namespace WsLoad.Tests.Cli.BadInput;

/// <summary>
/// A port where something accepts TCP but never answers the upgrade (a wrong service, a hung server): connects still
/// pending when the plan ends count as failed (connect-unfinished), and a run that connected nothing is aborted.
/// </summary>
public sealed class SilentTargetTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly RealCli _cli = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<Socket> _accepted = new();

    private CancellationToken Timeout => _timeout.Token;

    public void Dispose()
    {
        _listener.Stop();
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }

        _cli.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task A_target_that_never_answers_the_upgrade_does_not_pass()
    {
        _listener.Start();
        var accepting = AcceptSilentlyAsync(Timeout);
        var url = $"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/ws";

        var exitCode = await _cli.RunAsync(Timeout, "--url", url, "-c", "5", "--ramp", "burst", "--hold", "1s", "-q");

        var result = await _cli.ReadRunJsonAsync(Timeout);
        Assert.Equal(5, result.Summary.Connections.Attempted);
        Assert.Equal(0, result.Summary.Connections.Established);
        Assert.True(exitCode == ExitCodes.Interrupted, $"exit {exitCode}, status {result.Status}; {_cli}");
        Assert.Equal(RunStatus.Aborted, result.Status);
        Assert.StartsWith("wsload: aborted: no connection could be established", Assert.Single(_cli.ErrorLines));
        _listener.Stop();
        await accepting;
    }

    /// <summary>Accepts connections and keeps them open without reading or writing, until the listener stops.</summary>
    private async Task AcceptSilentlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                _accepted.Enqueue(await _listener.AcceptSocketAsync(cancellationToken));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The listener was stopped: the test is over.
        }
    }
}
