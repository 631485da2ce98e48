using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WsLoad.Engine.WarmUp;

/// <summary>
/// The throwaway certificate the warm-up's TLS peer presents: self-signed, ECDSA P-256 (made in about a millisecond,
/// where an RSA key takes tens), for 127.0.0.1 and localhost, valid for a day around now. Made in memory for each
/// warm-up and never written anywhere; the warm-up's client does not verify it (it trusts nothing new).
/// </summary>
internal static class WarmUpCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=wsload warm-up", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }
}
