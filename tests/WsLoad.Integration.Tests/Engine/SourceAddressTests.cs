using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Engine;

/// <summary>
/// <c>connections.sourceAddresses</c>: the engine binds each connection to one of the listed loopback addresses
/// (slot i to address i mod n), and the server sees that source. 127.0.0.1, the address the OS would choose anyway, is
/// deliberately not among them, so a bind that did nothing fails.
/// </summary>
public sealed class SourceAddressTests
{
    private static readonly IPAddress[] Sources = [IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")];

    [Theory]
    [InlineData("127.0.0.2,127.0.0.3")]
    [InlineData("127.0.0.2-127.0.0.3")]
    [InlineData("127.0.0.2-3")]
    public async Task Connections_come_from_the_listed_non_default_loopback_addresses_in_turn(string sourceAddresses)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var relay = SourceRecordingRelay.Start(server.Port, cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = new UriBuilder(server.WebSocketUrl) { Port = relay.Port }.Uri },
            Connections = new ConnectionOptions
            {
                Count = 10,
                Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromMilliseconds(200) },
                Hold = TimeSpan.FromSeconds(1),
                SourceAddresses = sourceAddresses.Split(','),
            },
            Messages = new MessageOptions { RatePerSecond = 5 },
        };

        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);

        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        Assert.Equal(10, result.Summary.Connections.Established);
        Assert.True(result.Summary.Messages.Received > 0 && result.Summary.Messages.Received == result.Summary.Messages.Sent, "the bound connections carried the echo traffic");

        // What the server side saw: five connections from each listed address, none from anywhere else.
        var seen = relay.Sources.GroupBy(a => a.ToString()).Select(g => (g.Key, g.Count())).Order().ToList();
        Assert.Equal([("127.0.0.2", 5), ("127.0.0.3", 5)], seen);
    }

    [Fact]
    public async Task An_address_this_machine_cannot_bind_stops_the_run_before_any_connect()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions
            {
                Count = 4,
                Hold = TimeSpan.FromSeconds(1),

                // 203.0.113.0/24 is TEST-NET-3, for documentation only (checked below to be on no interface here).
                SourceAddresses = ["127.0.0.2", "203.0.113.1-203.0.113.3"],
            },
        };

        var local = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(a => a.Address.ToString()).ToList();
        Assert.DoesNotContain(local, a => a.StartsWith("203.0.113.", StringComparison.Ordinal));

        var exception = await Assert.ThrowsAsync<ScenarioException>(() => LoadTest.RunAsync(scenario, cancellationToken: cts.Token));

        var error = Assert.Single(exception.Errors);
        Assert.Equal("connections.sourceAddresses[1]", error.Field);
        Assert.Contains("3 of its 3 addresses cannot be bound on this machine (first 203.0.113.1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ip addr add 203.0.113.1/32 dev lo", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, server.GetStats().TotalAccepted);
    }

    /// <summary>
    /// A TCP relay on 127.0.0.1 in front of the target server that records the source address of every connection it
    /// accepts (the embedded server does not expose its peers), and pipes bytes both ways.
    /// </summary>
    private sealed class SourceRecordingRelay : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop;
        private readonly ConcurrentQueue<Socket> _sockets = new();

        private SourceRecordingRelay(CancellationToken cancellationToken)
        {
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public ConcurrentQueue<IPAddress> Sources { get; } = new();

        public static SourceRecordingRelay Start(int upstreamPort, CancellationToken cancellationToken)
        {
            var relay = new SourceRecordingRelay(cancellationToken);
            relay._listener.Start();
            _ = relay.AcceptLoopAsync(upstreamPort);
            return relay;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            _stop.Dispose();
        }

        private async Task AcceptLoopAsync(int upstreamPort)
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptSocketAsync(_stop.Token);
                    _sockets.Enqueue(client);
                    Sources.Enqueue(((IPEndPoint)client.RemoteEndPoint!).Address.MapToIPv4());
                    var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    _sockets.Enqueue(upstream);
                    await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, upstreamPort), _stop.Token);
                    _ = PipeAsync(client, upstream);
                    _ = PipeAsync(upstream, client);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Stopped.
            }
        }

        private async Task PipeAsync(Socket from, Socket to)
        {
            var buffer = new byte[16 * 1024];
            try
            {
                int read;
                while ((read = await from.ReceiveAsync(buffer, _stop.Token)) > 0)
                {
                    await to.SendAsync(buffer.AsMemory(0, read), _stop.Token);
                }

                to.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // One side closed or the relay stopped.
            }
        }
    }
}
