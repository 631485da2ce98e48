namespace WsLoad.Scenarios;

/// <summary>The WebSocket endpoint and how the upgrade request is made.</summary>
public sealed record TargetOptions
{
    /// <summary>A <c>ws://</c> or <c>wss://</c> URL.</summary>
    public required Uri Url { get; init; }

    /// <summary>Extra HTTP headers sent with the upgrade request.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Query-string parameters appended to the URL.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();

    /// <summary>Subprotocols offered in <c>Sec-WebSocket-Protocol</c>.</summary>
    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    /// <summary>Time allowed for TCP connect, TLS and the upgrade together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TlsOptions Tls { get; init; } = new();
}

/// <summary>TLS settings for <c>wss://</c> targets.</summary>
public sealed record TlsOptions
{
    /// <summary>Skip certificate verification (the CLI's <c>--insecure</c>).</summary>
    public bool Insecure { get; init; }

    /// <summary>A PEM or DER file with a CA certificate to trust in addition to the system store.</summary>
    public string? CaCertificate { get; init; }

    /// <summary>A PFX/PKCS#12 or PEM client certificate file.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>The key file for a PEM client certificate, or the password of a PFX.</summary>
    public string? ClientKey { get; init; }

    public string? ClientCertificatePassword { get; init; }

    /// <summary>
    /// Let handshakes resume an earlier TLS session with the same host (default true): a resumed TLS 1.3 handshake
    /// skips the certificate exchange and its verification. False makes every connection a full handshake, e.g. to
    /// load a server's full-handshake path. On Linux .NET resumes only for a host name, never an IP address.
    /// </summary>
    public bool Resume { get; init; } = true;
}
