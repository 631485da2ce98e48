using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// The receiver's URL split into what may be shown and what may not. The URL is a secret (a password in its userinfo,
/// a token in its query): output names the receiver only by <see cref="Display"/> (scheme, host and port), the request
/// goes to <see cref="RequestUri"/> (the URL without its userinfo), and the userinfo becomes a Basic
/// <see cref="Authorization"/> header.
/// </summary>
internal sealed class RemoteWriteEndpoint
{
    public RemoteWriteEndpoint(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        Display = $"{url.Scheme}://{url.Host}:{url.Port.ToString(CultureInfo.InvariantCulture)}";
        RequestUri = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
        if (url.UserInfo.Length > 0)
        {
            var cut = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(cut < 0 ? url.UserInfo : url.UserInfo[..cut]);
            var password = cut < 0 ? string.Empty : Uri.UnescapeDataString(url.UserInfo[(cut + 1)..]);
            Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
        }
    }

    /// <summary>How output names the receiver: <c>http://127.0.0.1:9090</c>, never its path, query or userinfo.</summary>
    public string Display { get; }

    /// <summary>Where the requests go: the URL without its userinfo (a token in its query stays: the receiver reads it).</summary>
    public Uri RequestUri { get; }

    /// <summary>Basic credentials from the URL's userinfo; null when it has none.</summary>
    public AuthenticationHeaderValue? Authorization { get; }

    /// <inheritdoc />
    public override string ToString() => Display;
}
