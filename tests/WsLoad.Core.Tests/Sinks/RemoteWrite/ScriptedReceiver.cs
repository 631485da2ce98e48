using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WsLoad.Sinks.Prometheus.RemoteWrite;

namespace WsLoad.Tests.Sinks.RemoteWrite;

/// <summary>
/// A remote-write receiver on loopback for the sender's tests: it answers each request with the next status of its
/// script (204 once the script is done), optionally holding every answer until <see cref="Release"/>, and keeps each
/// request's headers and its body decoded (snappy, then protobuf). Stopped when disposed.
/// </summary>
internal sealed class ScriptedReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<HttpStatusCode> _script;
    private readonly List<Received> _requests = [];
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _loop;

    public ScriptedReceiver(bool hold, params HttpStatusCode[] script)
    {
        _script = new Queue<HttpStatusCode>(script);
        if (!hold)
        {
            _released.SetResult();
        }

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/api/v1/write");
        }

        _listener.Prefixes.Add(new Uri(Url, "/").ToString());
        _listener.Start();
        _loop = Task.Run(AnswerAllAsync);
    }

    public Uri Url { get; }

    public IReadOnlyList<Received> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Waits (bounded) until another request has arrived.</summary>
    public Task<bool> ArrivedAsync(TimeSpan timeout) => _arrived.WaitAsync(timeout);

    /// <summary>Lets every held answer, and every later one, go.</summary>
    public void Release() => _released.TrySetResult();

    public void Dispose()
    {
        Release();
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _arrived.Dispose();
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

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var request = context.Request;
        HttpStatusCode status;
        lock (_requests)
        {
            _requests.Add(new Received(
                request.Headers["Content-Encoding"], request.ContentType, request.Headers["X-Prometheus-Remote-Write-Version"], request.UserAgent,
                WriteRequestReader.Read(Snappier.Snappy.DecompressToArray(body.ToArray()))));
            status = _script.Count > 0 ? _script.Dequeue() : HttpStatusCode.NoContent;
        }

        _arrived.Release();
        await _released.Task.WaitAsync(TimeSpan.FromSeconds(30));
        context.Response.StatusCode = (int)status;
        context.Response.Close();
    }

    /// <summary>What one request carried.</summary>
    public sealed record Received(string? ContentEncoding, string? ContentType, string? Version, string? UserAgent, WriteRequest Body);
}
