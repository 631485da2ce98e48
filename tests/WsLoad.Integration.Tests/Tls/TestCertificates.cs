using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WsLoad.Tests.Tls;

/// <summary>
/// A throw-away PKI in a temp folder: a self-signed CA, a server certificate for 127.0.0.1 / localhost and a client
/// certificate, both issued by the CA, written as PEM and PFX files. ECDSA P-256 keeps generation fast.
/// Deletes its folder and certificates on dispose.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string PfxPassword = "test-password";

    private TestCertificates(string folder, X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Folder = folder;
        Ca = ca;
        Server = server;
        Client = client;
    }

    public string Folder { get; }

    /// <summary>The CA certificate with its key.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The server certificate with its key (SAN 127.0.0.1, ::1, localhost).</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The client certificate with its key (EKU client authentication).</summary>
    public X509Certificate2 Client { get; }

    public string CaPem => Path.Combine(Folder, "ca.pem");

    public string CaDer => Path.Combine(Folder, "ca.der");

    public string ServerPfx => Path.Combine(Folder, "server.pfx");

    public string ServerCertPem => Path.Combine(Folder, "server.pem");

    public string ServerKeyPem => Path.Combine(Folder, "server.key");

    public string ClientPfx => Path.Combine(Folder, "client.pfx");

    public string ClientCertPem => Path.Combine(Folder, "client.pem");

    public string ClientKeyPem => Path.Combine(Folder, "client.key");

    public static TestCertificates Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "wsload-tls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=WsLoad Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(IPAddress.Loopback);
        sans.AddIpAddress(IPAddress.IPv6Loopback);
        sans.AddDnsName("localhost");
        var server = Issue(ca, "CN=localhost", "1.3.6.1.5.5.7.3.1", sans.Build(), now);
        var client = Issue(ca, "CN=wsload test client", "1.3.6.1.5.5.7.3.2", null, now);

        var certificates = new TestCertificates(folder, ca, server, client);
        certificates.WriteFiles();
        return certificates;
    }

    /// <summary>Another server certificate from the same CA, for <paramref name="dnsName"/> only (the caller disposes it).</summary>
    public X509Certificate2 IssueServerCertificate(string dnsName)
    {
        var sans = new SubjectAlternativeNameBuilder();
        sans.AddDnsName(dnsName);
        return Issue(Ca, "CN=" + dnsName, "1.3.6.1.5.5.7.3.1", sans.Build(), DateTimeOffset.UtcNow);
    }

    public void Dispose()
    {
        Ca.Dispose();
        Server.Dispose();
        Client.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, string usageOid, X509Extension? sans, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usageOid)], false));
        if (sans is not null)
        {
            request.CertificateExtensions.Add(sans);
        }

        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(7), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    private void WriteFiles()
    {
        File.WriteAllText(CaPem, Ca.ExportCertificatePem());
        File.WriteAllBytes(CaDer, Ca.Export(X509ContentType.Cert));
        File.WriteAllBytes(ServerPfx, Server.Export(X509ContentType.Pkcs12, PfxPassword));
        File.WriteAllText(ServerCertPem, Server.ExportCertificatePem());
        File.WriteAllText(ServerKeyPem, Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(ClientPfx, Client.Export(X509ContentType.Pkcs12, PfxPassword));
        File.WriteAllText(ClientCertPem, Client.ExportCertificatePem());
        File.WriteAllText(ClientKeyPem, Client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }
}
