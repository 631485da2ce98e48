using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace WsLoad.Connections;

/// <summary>
/// One connection's TLS handshake: the SslStream options, with callbacks that record what the server did, so that a
/// failure (during the handshake, or a TLS 1.3 rejection that only shows as a closed connection afterwards) can be
/// classified <see cref="WsFailure.Tls"/> with a message that says what to do. Threading: used by one connect only.
/// </summary>
internal sealed class WsTlsHandshake
{
    private readonly WsTlsContext _context;
    private readonly string _targetHost;
    private string? _serverCertificateProblem;
    private bool _clientCertificateRequested;

    public WsTlsHandshake(WsTlsContext context, string targetHost)
    {
        _context = context;
        _targetHost = targetHost;
    }

    /// <summary>
    /// The options of this handshake. The trust policy and client certificate context are the run's, prepared once;
    /// the selection callback is left out when it is not needed (see <see cref="WsTlsContext.ServerAsksForClientCertificate"/>),
    /// so that on Linux the session can be resumed.
    /// </summary>
    public SslClientAuthenticationOptions CreateOptions()
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = _targetHost,
            AllowTlsResume = _context.AllowResume,
            CertificateChainPolicy = _context.ChainPolicy,
            ClientCertificateContext = _context.ClientCertificateContext,
            RemoteCertificateValidationCallback = ValidateServerCertificate,
        };
        if (_context.ClientCertificateContext is null && _context.ServerAsksForClientCertificate != false)
        {
            options.LocalCertificateSelectionCallback = SelectClientCertificate;
        }

        return options;
    }

    /// <summary>Records the finished handshake: a client certificate was sent if, and only if, the server asked for one.</summary>
    public void Completed(SslStream stream)
    {
        _clientCertificateRequested |= stream.IsMutuallyAuthenticated;
        _context.ObserveClientCertificateRequest(_clientCertificateRequested);
    }

    /// <summary>
    /// The TLS explanation of a connect failure, or null when it was not TLS's doing. <paramref name="handshakeDone"/>:
    /// the failure came after the handshake, where only a rejected client certificate is a TLS problem (TLS 1.3
    /// servers check it after the client has finished its part, so the client sees the connection close).
    /// </summary>
    public string? Explain(Exception failure, bool handshakeDone)
    {
        if (_serverCertificateProblem is { } problem)
        {
            return "TLS: " + problem;
        }

        var closed = failure is IOException or System.Security.Authentication.AuthenticationException
            || failure is WsConnectException { Failure: WsFailure.Reset };
        if (!_clientCertificateRequested || !closed)
        {
            return null;
        }

        return _context.ClientCertificate is null
            ? "TLS: the server requires a client certificate: set target.tls.clientCertificate (PFX, or PEM with target.tls.clientKey)"
            : "TLS: the server rejected the client certificate: check that target.tls.clientCertificate is issued by a CA the server trusts and has not expired"
                + (handshakeDone ? "" : $" ({failure.Message})");
    }

    private bool ValidateServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        _serverCertificateProblem = _context.CheckServerCertificate(certificate, chain, errors, _targetHost);
        return _serverCertificateProblem is null;
    }

    private X509Certificate2? SelectClientCertificate(
        object sender, string targetHost, X509CertificateCollection localCertificates, X509Certificate? remoteCertificate, string[] acceptableIssuers)
    {
        // Called before the handshake (no remote certificate yet) to pick a certificate up front, and again during it
        // when the server asks for one and none was picked.
        _clientCertificateRequested |= remoteCertificate is not null;
        if (remoteCertificate is not null)
        {
            _context.ObserveClientCertificateRequest(requested: true);
        }

        return _context.ClientCertificate;
    }
}
