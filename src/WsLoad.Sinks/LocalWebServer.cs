using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WsLoad.Sinks;

/// <summary>
/// A small Kestrel server of the run's own (the dashboard's, the scrape endpoint's): one address, the routes
/// <c>map</c> gives it, no logging to the console (the run's output is the run's), and the address it actually bound
/// (port 0 takes a free one).
/// </summary>
internal sealed class LocalWebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalWebServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's base URL, such as <c>http://127.0.0.1:5665/</c>.</summary>
    public Uri Address { get; }

    /// <exception cref="LiveMonitoringException">The address is in use or cannot be bound; says which flag to change.</exception>
    public static async Task<LocalWebServer> StartAsync(IPEndPoint endpoint, string flag, Action<WebApplication> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        map(app);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException or InvalidOperationException)
        {
            await app.DisposeAsync();
            throw new LiveMonitoringException(
                $"{flag} could not listen on {ListenAddress.Format(endpoint)}: {exception.Message}. Is another run or program using that port? Give another ({flag} 127.0.0.1:0 takes a free one)",
                exception);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var address = bound is null ? new Uri($"http://{ListenAddress.Format(endpoint)}/") : new Uri(bound.TrimEnd('/') + "/");
        return new LocalWebServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
