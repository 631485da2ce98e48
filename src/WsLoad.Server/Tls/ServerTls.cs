using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace WsLoad.Server.Tls;

/// <summary>Turns the TLS options of <see cref="TargetServerOptions"/> into Kestrel's HTTPS settings for a listener.</summary>
internal static class ServerTls
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public static bool IsEnabled(TargetServerOptions options) => options.Certificate is not null;

    /// <summary>Adds HTTPS to <paramref name="listen"/> when the options carry a certificate; otherwise leaves it plain.</summary>
    public static void Apply(ListenOptions listen, TargetServerOptions options)
    {
        if (options.Certificate is not { } certificate)
        {
            return;
        }

        var https = new HttpsConnectionAdapterOptions
        {
            ServerCertificate = certificate,
            ClientCertificateMode = options.RequireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.NoCertificate,
        };
        if (options.RequireClientCertificate)
        {
            var authority = options.ClientCertificateAuthority;
            https.ClientCertificateValidation = authority is null
                ? static (_, _, _) => true // any certificate: the handshake has proved the client holds its key
                : (client, presented, _) => ChainsTo(client, authority, presented);
        }

        listen.UseHttps(https);
    }

    /// <summary>Whether <paramref name="client"/> chains to <paramref name="authority"/> alone (not the system store).</summary>
    internal static bool ChainsTo(X509Certificate2 client, X509Certificate2 authority, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthenticationOid));
        if (presented is not null)
        {
            // Intermediates the client sent with its certificate.
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }

        return chain.Build(client);
    }

    /// <summary>Problems with the TLS options, for the options validator.</summary>
    public static IEnumerable<string> Validate(TargetServerOptions options)
    {
        if (options.Certificate is { HasPrivateKey: false })
        {
            yield return "Certificate must include its private key (load a PFX, or a PEM certificate with its key).";
        }

        if (options.RequireClientCertificate && options.Certificate is null)
        {
            yield return "RequireClientCertificate needs a server Certificate (client certificates are a TLS feature).";
        }

        if (options.ClientCertificateAuthority is not null && !options.RequireClientCertificate)
        {
            yield return "ClientCertificateAuthority is only used with RequireClientCertificate = true.";
        }
    }
}
