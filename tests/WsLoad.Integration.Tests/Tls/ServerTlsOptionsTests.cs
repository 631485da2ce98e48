using WsLoad.Server;

namespace WsLoad.Tests.Tls;

/// <summary>The TLS options of <see cref="TargetServer"/>: checked before binding, and reflected in its URLs.</summary>
public sealed class ServerTlsOptionsTests : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task A_tls_server_gives_wss_and_https_urls()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Certificate = _certificates.Server }, cts.Token);

        Assert.Equal($"wss://127.0.0.1:{server.Port}/ws", server.WebSocketUrl.AbsoluteUri);
        Assert.Equal($"https://127.0.0.1:{server.Port}/stats", server.StatsUrl.AbsoluteUri);
    }

    [Fact]
    public async Task Client_certificate_options_without_a_server_certificate_are_rejected_before_binding()
    {
        var options = new TargetServerOptions { RequireClientCertificate = false, ClientCertificateAuthority = _certificates.Ca };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(options));

        Assert.Contains("ClientCertificateAuthority is only used with RequireClientCertificate", error.Message);
        var noCertificate = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(new TargetServerOptions { RequireClientCertificate = true }));
        Assert.Contains("RequireClientCertificate needs a server Certificate", noCertificate.Message);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_is_rejected_before_binding()
    {
        using var publicOnly = CertificateFiles.LoadCertificate(_certificates.ServerCertPem);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(new TargetServerOptions { Certificate = publicOnly }));

        Assert.Contains("private key", error.Message);
    }
}
