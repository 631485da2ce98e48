using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WsLoad.Scenarios;

namespace WsLoad.Connections;

/// <summary>
/// TLS material loaded once from <see cref="TlsOptions"/> and the server-certificate policy; each connection gets its
/// own <see cref="WsTlsHandshake"/> from <see cref="BeginHandshake"/>. Threading: immutable after creation, shared by
/// all connections of a run.
/// </summary>
internal sealed class WsTlsContext
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private readonly bool _insecure;
    private readonly X509Certificate2Collection _trustedCas;

    private WsTlsContext(bool insecure, X509Certificate2Collection trustedCas, X509Certificate2? clientCertificate)
    {
        _insecure = insecure;
        _trustedCas = trustedCas;
        ClientCertificate = clientCertificate;
    }

    /// <summary>The certificate offered when the server asks for one; null: none.</summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary>Loads the CA and client certificate files.</summary>
    /// <exception cref="WsConnectException">A file could not be read (<see cref="WsFailure.Tls"/>; the message names the field).</exception>
    public static WsTlsContext Create(TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cas = options.CaCertificate is { } caPath
            ? Load("target.tls.caCertificate", caPath, () => LoadCertificates(caPath))
            : [];
        X509Certificate2? client = null;
        if (options.ClientCertificate is { } certPath)
        {
            client = Load("target.tls.clientCertificate", certPath, () => LoadClientCertificate(options, certPath));
        }

        return new WsTlsContext(options.Insecure, cas, client);
    }

    public WsTlsHandshake BeginHandshake(string targetHost) => new(this, targetHost);

    /// <summary>
    /// Decides on the server's certificate: null when it is accepted, otherwise why not, worded as what to do.
    /// Verification is on unless the user asked for insecure; a configured CA is tried only when the system store
    /// does not trust the chain, and never excuses a name mismatch.
    /// </summary>
    public string? CheckServerCertificate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, string targetHost)
    {
        if (_insecure || errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the server sent no certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"certificate name does not match '{targetHost}' (the certificate is for {certificate.Subject}): "
                + "connect with a host name the certificate covers, or pass --insecure";
        }

        if (_trustedCas.Count == 0)
        {
            return $"certificate not trusted ({Describe(chain)}): pass --insecure or set target.tls.caCertificate to the CA that issued it";
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_trustedCas);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
        if (chain is not null)
        {
            // The intermediates the server sent with its certificate.
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf)
            ? null
            : $"certificate not trusted by target.tls.caCertificate ({Describe(custom)}): check that the file holds the CA that issued the server's certificate, or pass --insecure";
    }

    /// <summary>The chain's problems as a short list, e.g. <c>UntrustedRoot</c> or <c>NotTimeValid, PartialChain</c>.</summary>
    private static string Describe(X509Chain? chain)
    {
        if (chain is null || chain.ChainStatus.Length == 0)
        {
            return "chain errors";
        }

        var flags = X509ChainStatusFlags.NoError;
        foreach (var status in chain.ChainStatus)
        {
            flags |= status.Status;
        }

        return flags.ToString();
    }

    private static T Load<T>(string field, string path, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new WsConnectException(WsFailure.Tls, $"cannot load {field} '{path}': {e.Message}", e);
        }
    }

    /// <summary>Every certificate of a PEM file (a CA bundle), or the one certificate of a DER file.</summary>
    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var certificates = new X509Certificate2Collection();
        if (bytes.AsSpan().IndexOf("-----BEGIN"u8) >= 0)
        {
            certificates.ImportFromPem(Encoding.ASCII.GetString(bytes));
            return certificates.Count > 0 ? certificates : throw new CryptographicException("no certificate in the PEM file");
        }

        certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
        return certificates;
    }

    private static X509Certificate2 LoadClientCertificate(TlsOptions options, string path)
    {
        var isPfx = path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
        if (isPfx)
        {
            // A PFX carries its own key; TlsOptions documents ClientKey as its password when no password is given.
            return X509CertificateLoader.LoadPkcs12FromFile(path, options.ClientCertificatePassword ?? options.ClientKey);
        }

        using var pem = options.ClientCertificatePassword is { } password
            ? X509Certificate2.CreateFromEncryptedPemFile(path, password, options.ClientKey)
            : X509Certificate2.CreateFromPemFile(path, options.ClientKey);

        // A PEM key is ephemeral; a PKCS#12 round trip gives a key that every platform's TLS stack accepts.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}
