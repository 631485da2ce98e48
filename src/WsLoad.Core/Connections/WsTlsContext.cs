using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using WsLoad.Scenarios;

namespace WsLoad.Connections;

/// <summary>TLS material loaded once from <see cref="TlsOptions"/>; creates the per-connection SslStream options.</summary>
internal sealed class WsTlsContext
{
    private readonly bool _insecure;
    private readonly X509Certificate2? _ca;
    private readonly X509CertificateCollection? _clientCertificates;

    private WsTlsContext(bool insecure, X509Certificate2? ca, X509Certificate2? clientCertificate)
    {
        _insecure = insecure;
        _ca = ca;
        _clientCertificates = clientCertificate is null ? null : [clientCertificate];
    }

    public static WsTlsContext Create(TlsOptions options)
    {
        var ca = options.CaCertificate is { } caPath ? X509CertificateLoader.LoadCertificateFromFile(caPath) : null;
        X509Certificate2? client = null;
        if (options.ClientCertificate is { } certPath)
        {
            var isPfx = certPath.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase)
                || certPath.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
            client = isPfx
                ? X509CertificateLoader.LoadPkcs12FromFile(certPath, options.ClientCertificatePassword ?? options.ClientKey)
                : X509Certificate2.CreateFromPemFile(certPath, options.ClientKey);
        }

        return new WsTlsContext(options.Insecure, ca, client);
    }

#pragma warning disable CA5359 // AcceptAny is only used when the user asked for --insecure.
    public SslClientAuthenticationOptions CreateOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        ClientCertificates = _clientCertificates,
        RemoteCertificateValidationCallback = _insecure ? AcceptAny : _ca is null ? null : ValidateWithCustomCa,
    };
#pragma warning restore CA5359

    private static bool AcceptAny(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;

    /// <summary>The system store first; on chain errors only, retry trusting the configured CA as a root.</summary>
    private bool ValidateWithCustomCa(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_ca!);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
