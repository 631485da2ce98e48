using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using WsLoad.Scenarios;

namespace WsLoad.Connections;

/// <summary>
/// TLS material prepared once per run from <see cref="TlsOptions"/>: the trusted CAs as a ready chain policy, the
/// client certificate as a ready <see cref="SslStreamCertificateContext"/>. Each connection gets its own
/// <see cref="WsTlsHandshake"/> from <see cref="BeginHandshake"/>. Threading: immutable after creation apart from
/// <see cref="ServerAsksForClientCertificate"/> (a flag any connection may set), shared by all connections of a run.
/// </summary>
/// <remarks>
/// Why per run: a handshake that builds its own client certificate context, its own trust, or carries a client
/// certificate selection callback costs CPU on every connect, and on Linux the callback also stops .NET from caching
/// the OpenSSL context that TLS session resumption needs (it resumes only for a host name, never an IP address).
/// </remarks>
internal sealed class WsTlsContext
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private readonly bool _insecure;
    private readonly X509ChainPolicy? _caPolicy;
    private readonly X509ChainPolicy? _insecurePolicy;
    private int _serverAsksForClientCertificate;

    private WsTlsContext(bool insecure, X509Certificate2Collection trustedCas, X509Certificate2? clientCertificate, bool resume)
    {
        _insecure = insecure;
        ClientCertificate = clientCertificate;
        AllowResume = resume;
        if (clientCertificate is not null)
        {
            // offline: the chain of a client certificate is what the file holds; no downloads on the connect path.
            ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null, offline: true);
        }

        if (!insecure && trustedCas.Count > 0)
        {
            // SslStream clones this policy for each handshake and builds the one chain with it: the configured CAs are
            // tried first, the system store only when they do not vouch for the server (CheckServerCertificate).
            _caPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
            };
            _caPolicy.CustomTrustStore.AddRange(trustedCas);
            _caPolicy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
        }

        if (insecure)
        {
            // SslStream builds a chain before it asks us, even when we accept anything. With no roots to search and no
            // downloads that build is short: a wss:// connect with --insecure cost as much client CPU as a verified one
            // against the system store (bench/connect-cost.sh).
            _insecurePolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                DisableCertificateDownloads = true,
            };
        }
    }

    /// <summary>The certificate offered when the server asks for one; null: none.</summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary><see cref="ClientCertificate"/> with its chain, built once; null: none.</summary>
    public SslStreamCertificateContext? ClientCertificateContext { get; }

    /// <summary>Whether handshakes may resume an earlier TLS session with the same host (<see cref="TlsOptions.Resume"/>).</summary>
    public bool AllowResume { get; }

    /// <summary>
    /// The chain policy SslStream verifies the server with: the configured CAs, or with --insecure one that trusts
    /// nothing and fetches nothing (its verdict is ignored); null: the system's.
    /// </summary>
    public X509ChainPolicy? ChainPolicy => _caPolicy ?? _insecurePolicy;

    /// <summary>
    /// Null until a handshake finished or asked for a client certificate; then whether the server asks for one.
    /// Without a client certificate of our own, a selection callback is installed only while this is not false: it is
    /// how a server's request is noticed (for the error message), and it stops session resumption on Linux.
    /// </summary>
    public bool? ServerAsksForClientCertificate => Volatile.Read(ref _serverAsksForClientCertificate) switch
    {
        0 => null,
        1 => false,
        _ => true,
    };

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

        return new WsTlsContext(options.Insecure, cas, client, options.Resume);
    }

    public WsTlsHandshake BeginHandshake(string targetHost) => new(this, targetHost);

    /// <summary>Records what a handshake saw: once the server asked for a client certificate, that answer sticks.</summary>
    public void ObserveClientCertificateRequest(bool requested)
    {
        if (requested)
        {
            Volatile.Write(ref _serverAsksForClientCertificate, 2);
        }
        else
        {
            _ = Interlocked.CompareExchange(ref _serverAsksForClientCertificate, 1, 0);
        }
    }

    /// <summary>
    /// Decides on the server's certificate: null when it is accepted, otherwise why not, worded as what to do.
    /// Verification is on unless the user asked for insecure; the system store is tried only when a configured CA
    /// does not vouch for the chain, and neither excuses a name mismatch.
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

        if (_caPolicy is null)
        {
            return $"certificate not trusted ({Describe(chain)}): pass --insecure or set target.tls.caCertificate to the CA that issued it";
        }

        // The configured CAs do not vouch for it (the chain SslStream built used _caPolicy): try the system store.
        using var system = new X509Chain();
        system.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        system.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
        if (chain is not null)
        {
            // The intermediates the server sent with its certificate.
            system.ChainPolicy.ExtraStore.AddRange(chain.ChainPolicy.ExtraStore);
        }

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return system.Build(leaf)
            ? null
            : $"certificate not trusted by target.tls.caCertificate ({Describe(chain)}): check that the file holds the CA that issued the server's certificate, or pass --insecure";
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
