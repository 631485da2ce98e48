using System.Security.Cryptography.X509Certificates;
using WsLoad.Engine;
using WsLoad.Engine.WarmUp;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Engine;

/// <summary>
/// The warm-up runs the scenario's traffic against its own loopback echo peer, never the target, and the run's result
/// says it happened; its connects and messages are not the run's.
/// </summary>
public sealed class GeneratorWarmUpTests
{
    [Fact]
    public async Task The_warm_up_opens_its_connections_on_its_own_peer_and_gets_the_scenario_s_messages_echoed()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var scenario = ScenarioLoader.Parse("""
            target: { url: "ws://192.0.2.1:9/never-used", subprotocols: [chat.v1] }
            messages: { rate: 5/s, types: [{ name: ping, size: 40 }, { name: blob, size: 300, format: binary }] }
            """);

        var warmUp = await GeneratorWarmUp.RunAsync(scenario, cts.Token);

        Assert.NotNull(warmUp);
        Assert.Equal(GeneratorWarmUp.Connections, warmUp.Connections);
        Assert.True(warmUp.Messages >= GeneratorWarmUp.Connections, $"only {warmUp.Messages} echoed");
        Assert.InRange(warmUp.Seconds, 0.5, 30);
        Assert.False(warmUp.Tls);
    }

    [Fact]
    public async Task For_a_wss_target_the_warm_up_runs_over_TLS_with_a_throwaway_certificate_and_ignores_the_target_s_TLS_files()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var parsed = ScenarioLoader.Parse("""
            target: { url: "wss://192.0.2.1:9/never-used" }
            messages: { rate: 5/s }
            """);

        // The CA file does not exist (the loader would refuse it): loading it would fail the warm-up's client. The
        // warm-up never reads the target's TLS files.
        var scenario = parsed with { Target = parsed.Target with { Tls = new TlsOptions { CaCertificate = "/nonexistent/ca.pem" } } };

        var warmUp = await GeneratorWarmUp.RunAsync(scenario, cts.Token);

        Assert.True(warmUp.Tls);
        Assert.Equal(GeneratorWarmUp.Connections, warmUp.Connections);
        Assert.True(warmUp.Messages >= GeneratorWarmUp.Connections, $"only {warmUp.Messages} echoed");
    }

    [Fact]
    public async Task The_TLS_peer_hands_out_a_certificate_for_loopback_that_the_client_s_own_verification_rejects()
    {
        using var certificate = WarmUpCertificate.Create();
        await using var peer = LoopbackEchoPeer.Start(certificate);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(peer.EndPoint, cts.Token);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream());
        X509Certificate? seen = null;
        System.Net.Security.SslPolicyErrors errors = default;
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, cert, _, e) => { seen = cert; errors = e; return cert is not null; },
        }, cts.Token);

        Assert.True(peer.IsTls);
        Assert.NotNull(seen);
        Assert.Equal(certificate.GetCertHashString(), seen!.GetCertHashString());
        Assert.Equal(System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, errors); // self-signed, name matches
    }

    [Fact]
    public async Task A_run_with_the_warm_up_records_it_and_counts_none_of_its_traffic()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = ScenarioLoader.Parse($$"""
            target: { url: "{{server.WebSocketUrl}}" }
            connections: { count: 10, ramp: linear:1s, hold: 1s }
            messages: { rate: 2/s }
            """);

        // Another test may have warmed this process already; a warm-up is once per process.
        var result = await LoadTest.RunAsync(scenario, new LoadTestOptions { WarmUp = true }, cts.Token);

        Assert.Equal(10, result.Summary.Connections.Established);
        Assert.Equal(10, server.GetStats().TotalAccepted); // the warm-up never reached the target
        if (result.Environment.WarmUp is { } warmUp)
        {
            Assert.Equal(GeneratorWarmUp.Connections, warmUp.Connections);
        }
    }
}
