using System.Net;
using System.Net.Sockets;
using WsLoad.Cli.Preflight;
using WsLoad.Tests.Cli.BadInput;

namespace WsLoad.Tests.Cli;

/// <summary>The one TCP connect to the target before a run, on loopback.</summary>
public sealed class TargetProbeTests
{
    [Fact]
    public async Task A_listening_port_accepts()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var probe = await TargetProbe.ProbeAsync(new Uri($"ws://127.0.0.1:{port}/ws"), timeout.Token);

            Assert.Equal(TargetAnswer.Accepted, probe.Answer);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task A_port_nothing_listens_on_refuses()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var probe = await TargetProbe.ProbeAsync(new Uri($"ws://127.0.0.1:{RealCli.UnusedPort()}/ws"), timeout.Token);

        Assert.Equal(new TargetProbeResult(TargetAnswer.Refused, "refused the connection: nothing listens there"), probe);
    }
}
