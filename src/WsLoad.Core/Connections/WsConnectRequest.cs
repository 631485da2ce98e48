using System.Net;
using System.Text;
using WsLoad.Scenarios;

namespace WsLoad.Connections;

/// <summary>Everything needed to open one connection. Immutable and meant to be shared by all connections of a run.</summary>
internal sealed record WsConnectRequest
{
    public const int DefaultMaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>A ws:// or wss:// URL; its path and query are sent in the request line.</summary>
    public required Uri Url { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Subprotocols { get; init; } = [];

    /// <summary>Covers DNS, TCP connect, TLS and the upgrade together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Source address to bind before connecting (e.g. 127.0.0.2); null lets the OS choose.</summary>
    public IPAddress? LocalAddress { get; init; }

    public TlsOptions Tls { get; init; } = new();

    /// <summary>Connect here instead of the URL's host and port (a proxy); the URL still gives the Host header, path and TLS name.</summary>
    public IPEndPoint? ConnectEndPoint { get; init; }

    /// <summary>Larger incoming messages close the connection with 1009.</summary>
    public int MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    /// <summary>Time source for the connect and close timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    // A class, not a tuple struct, so that racing readers never see a torn pair.
    private Tuple<TlsOptions, WsTlsContext>? _tls;

    /// <summary>Builds a request from a scenario target, appending <see cref="TargetOptions.Query"/> to the URL.</summary>
    public static WsConnectRequest FromTarget(TargetOptions target, IPAddress? localAddress = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new WsConnectRequest
        {
            Url = AppendQuery(target.Url, target.Query),
            Headers = target.Headers,
            Subprotocols = target.Subprotocols,
            ConnectTimeout = target.ConnectTimeout,
            LocalAddress = localAddress,
            Tls = target.Tls,
        };
    }

    /// <summary>Certificates loaded once per request (not per connection); rebuilt if <see cref="Tls"/> was replaced with <c>with</c>.</summary>
    internal WsTlsContext GetTlsContext()
    {
        var cached = _tls;
        if (cached is not null && ReferenceEquals(cached.Item1, Tls))
        {
            return cached.Item2;
        }

        // Connects racing here may each load the files once; the first to publish wins, so all share one context.
        var created = Tuple.Create(Tls, WsTlsContext.Create(Tls));
        var published = Interlocked.CompareExchange(ref _tls, created, cached);
        return published is null || ReferenceEquals(published, cached) ? created.Item2 : published.Item2;
    }

    /// <summary>This request to another URL (a connection's own, from the target's URL template), with the target's query appended.</summary>
    public WsConnectRequest WithUrl(Uri url, IReadOnlyDictionary<string, string> query) => this with { Url = AppendQuery(url, query) };

    private static Uri AppendQuery(Uri url, IReadOnlyDictionary<string, string> query)
    {
        if (query.Count == 0)
        {
            return url;
        }

        var builder = new StringBuilder(url.Query.Length > 1 ? url.Query[1..] : "");
        foreach (var (key, value) in query)
        {
            if (builder.Length > 0)
            {
                builder.Append('&');
            }

            builder.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return new UriBuilder(url) { Query = builder.ToString() }.Uri;
    }
}
