using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Tls;

/// <summary>The real engine against the embedded server over wss:// on loopback: verification, CA trust, client certificates.</summary>
public sealed class EngineTlsTests : IDisposable
{
    private readonly TestCertificates _certificates = TestCertificates.Create();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Verification_is_on_by_default_so_an_untrusted_server_aborts_the_run_with_connect_tls()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token);
        Assert.Equal("wss", server.WebSocketUrl.Scheme);

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, new TlsOptions(), cts.Token);

        var failure = TlsRuns.AssertAbortedOnTls(result);
        Assert.Contains("not trusted", failure.Message);
        Assert.Contains("--insecure", failure.Message);
        Assert.Contains("target.tls.caCertificate", failure.Message);
    }

    [Fact]
    public async Task Insecure_connects_every_connection_and_correlates_every_echo()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token);

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, new TlsOptions { Insecure = true }, cts.Token);

        TlsRuns.AssertAllConnectedAndEchoed(result);
        Assert.True(result.Summary.LatencyMs.Connect is not null);
    }

    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    public async Task A_ca_certificate_file_makes_the_server_trusted_without_insecure(string format)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token);
        var ca = format == "pem" ? _certificates.CaPem : _certificates.CaDer;

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, new TlsOptions { CaCertificate = ca }, cts.Token);

        TlsRuns.AssertAllConnectedAndEchoed(result);
    }

    [Fact]
    public async Task A_ca_certificate_run_by_host_name_connects_every_connection_when_sessions_are_resumed()
    {
        // By name, not address: .NET on Linux resumes TLS sessions only for a host name, so most of these handshakes
        // can be resumed ones, and each must still pass the CA check.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token);

        var result = await TlsRuns.RunAsync(ByName(server.WebSocketUrl), new TlsOptions { CaCertificate = _certificates.CaPem }, cts.Token);

        TlsRuns.AssertAllConnectedAndEchoed(result);
    }

    [Fact]
    public async Task A_session_cached_by_an_insecure_run_does_not_let_a_verifying_run_skip_verification()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token);
        var url = ByName(server.WebSocketUrl);
        TlsRuns.AssertAllConnectedAndEchoed(await TlsRuns.RunAsync(url, new TlsOptions { Insecure = true }, cts.Token));

        var result = await TlsRuns.RunAsync(url, new TlsOptions(), cts.Token);

        var failure = TlsRuns.AssertAbortedOnTls(result);
        Assert.Contains("not trusted", failure.Message);
    }

    [Fact]
    public async Task Without_resumption_a_ca_certificate_run_by_host_name_connects_every_connection()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token);
        var tls = new TlsOptions { CaCertificate = _certificates.CaPem, Resume = false };

        var result = await TlsRuns.RunAsync(ByName(server.WebSocketUrl), tls, cts.Token);

        TlsRuns.AssertAllConnectedAndEchoed(result);
    }

    [Fact]
    public async Task A_trusted_ca_does_not_excuse_a_host_name_the_certificate_was_not_issued_for()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var elsewhere = _certificates.IssueServerCertificate("elsewhere.test");
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Certificate = elsewhere }, cts.Token);

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, new TlsOptions { CaCertificate = _certificates.CaPem }, cts.Token);

        var failure = TlsRuns.AssertAbortedOnTls(result);
        Assert.Contains("does not match", failure.Message);
    }

    [Fact]
    public async Task A_server_requiring_a_client_certificate_rejects_a_client_without_one()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token, requireClientCertificate: true);

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, new TlsOptions { CaCertificate = _certificates.CaPem }, cts.Token);

        var failure = TlsRuns.AssertAbortedOnTls(result);
        Assert.Contains("target.tls.clientCertificate", failure.Message);
    }

    [Fact]
    public async Task A_pfx_client_certificate_is_accepted_by_a_server_that_requires_one()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token, requireClientCertificate: true);
        var tls = new TlsOptions
        {
            CaCertificate = _certificates.CaPem,
            ClientCertificate = _certificates.ClientPfx,
            ClientCertificatePassword = TestCertificates.PfxPassword,
        };

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, tls, cts.Token);

        TlsRuns.AssertAllConnectedAndEchoed(result);
    }

    [Fact]
    public async Task A_pem_client_certificate_and_key_are_accepted_by_a_server_that_requires_one()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token, requireClientCertificate: true);
        var tls = new TlsOptions
        {
            Insecure = true,
            ClientCertificate = _certificates.ClientCertPem,
            ClientKey = _certificates.ClientKeyPem,
        };

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, tls, cts.Token);

        TlsRuns.AssertAllConnectedAndEchoed(result);
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_rejected_by_the_server()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var other = TestCertificates.Create();
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token, requireClientCertificate: true);
        var tls = new TlsOptions { Insecure = true, ClientCertificate = other.ClientPfx, ClientCertificatePassword = TestCertificates.PfxPassword };

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, tls, cts.Token);

        var failure = TlsRuns.AssertAbortedOnTls(result);
        Assert.Contains("rejected the client certificate", failure.Message);
    }

    [Fact]
    public async Task A_client_certificate_that_cannot_be_loaded_fails_as_tls_naming_the_field()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var server = await TlsRuns.StartServerAsync(_certificates, cts.Token);
        var tls = new TlsOptions { Insecure = true, ClientCertificate = _certificates.ClientPfx, ClientCertificatePassword = "wrong" };

        var result = await TlsRuns.RunAsync(server.WebSocketUrl, tls, cts.Token);

        var failure = TlsRuns.AssertAbortedOnTls(result);
        Assert.Contains("cannot load target.tls.clientCertificate", failure.Message);
    }

    private static Uri ByName(Uri url) => new UriBuilder(url) { Host = "localhost" }.Uri;
}
