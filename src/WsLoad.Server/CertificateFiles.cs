using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WsLoad.Server;

/// <summary>
/// Loads certificates from files for <see cref="TargetServerOptions.Certificate"/> (with its private key: PFX/PKCS#12,
/// or PEM certificate and key) and <see cref="TargetServerOptions.ClientCertificateAuthority"/> (PEM or DER).
/// The caller owns and disposes what it returns.
/// </summary>
internal static class CertificateFiles
{
    /// <summary>
    /// A <c>.pfx</c>/<c>.p12</c> file (with <paramref name="password"/>), or a PEM certificate with its key in
    /// <paramref name="keyPath"/> (or in the certificate file itself when null; <paramref name="password"/> decrypts
    /// an encrypted PEM key).
    /// </summary>
    /// <exception cref="ArgumentException">The file could not be read as a certificate with a private key; the message says which file and why.</exception>
    public static X509Certificate2 LoadWithKey(string certificatePath, string? keyPath, string? password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(certificatePath);
        if (!File.Exists(certificatePath))
        {
            throw new FileNotFoundException($"certificate file not found: {certificatePath}", certificatePath);
        }

        if (keyPath is not null && !File.Exists(keyPath))
        {
            throw new FileNotFoundException($"key file not found: {keyPath}", keyPath);
        }

        X509Certificate2 certificate;
        try
        {
            certificate = IsPkcs12(certificatePath)
                ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password)
                : LoadPem(certificatePath, keyPath, password);
        }
        catch (CryptographicException exception)
        {
            throw new ArgumentException($"cannot load the certificate '{certificatePath}'{(keyPath is null ? "" : $" with key '{keyPath}'")}: {exception.Message}", exception);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ArgumentException($"the certificate '{certificatePath}' has no private key: give a PFX with its key, or the PEM key file too.");
        }

        return certificate;
    }

    /// <summary>A certificate without a key (a CA), PEM or DER; a PEM file with several certificates gives the first.</summary>
    /// <exception cref="ArgumentException">The file is not a certificate.</exception>
    public static X509Certificate2 LoadCertificate(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (CryptographicException exception)
        {
            throw new ArgumentException($"cannot load the certificate '{path}' (PEM or DER expected): {exception.Message}", exception);
        }
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static X509Certificate2 LoadPem(string certificatePath, string? keyPath, string? password)
    {
        using var pem = password is null
            ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);

        // A PEM key is ephemeral; a PKCS#12 round trip gives a key that every platform's TLS stack accepts.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }
}
