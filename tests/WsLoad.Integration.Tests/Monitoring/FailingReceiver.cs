using System.Globalization;
using System.Net;

namespace WsLoad.Tests.Monitoring;

/// <summary>
/// An HTTP endpoint on loopback that answers every request with one status (a remote-write receiver in trouble), and
/// keeps what each request carried that a test may check: its Authorization header and its query. Stopped when disposed.
/// </summary>
internal sealed class FailingReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpStatusCode _status;
    private readonly List<(string? Authorization, string Query)> _requests = [];
    private readonly Task _loop;

    public FailingReceiver(HttpStatusCode status)
    {
        _status = status;
        Port = PrometheusServer.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _loop = Task.Run(AnswerAllAsync);
    }

    public int Port { get; }

    /// <summary>The requests so far: their Authorization header and query.</summary>
    public IReadOnlyList<(string? Authorization, string Query)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task AnswerAllAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (_requests)
            {
                _requests.Add((context.Request.Headers["Authorization"], context.Request.Url?.Query ?? ""));
            }

            await context.Request.InputStream.CopyToAsync(Stream.Null);
            context.Response.StatusCode = (int)_status;
            context.Response.Close();
        }
    }
}
