using System.Net.Http.Json;
using System.Net.Sockets;
using WsLoad.Server.Hosting;

namespace WsLoad.Server.Group;

/// <summary>Reads another server process's <c>/stats</c> over its Unix socket (<see cref="TargetServerOptions.ProcessSocketPath"/>).</summary>
internal sealed class ProcessStatsClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly HttpClient _http;

    public ProcessStatsClient(string socketPath)
    {
        SocketPath = socketPath;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = new Uri("http://localhost/"), // the host is not used: the connect callback picks the socket
            Timeout = Timeout,
        };
    }

    public string SocketPath { get; }

    /// <summary>The process's own counters (<paramref name="groupWide"/> false), or the group's, as that process answers.</summary>
    /// <exception cref="HttpRequestException">The process did not answer.</exception>
    public async Task<ServerStats> GetAsync(bool groupWide, CancellationToken cancellationToken) =>
        await _http.GetFromJsonAsync(groupWide ? "stats" : "stats?scope=process", ServerJsonContext.Default.ServerStats, cancellationToken)
            ?? throw new HttpRequestException($"{SocketPath}: /stats answered null");

    public void Dispose() => _http.Dispose();
}
