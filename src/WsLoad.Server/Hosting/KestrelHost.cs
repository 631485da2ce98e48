using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WsLoad.Server.Tls;

namespace WsLoad.Server.Hosting;

/// <summary>Builds the lean Kestrel application the target server runs on, and reads its bound address back.</summary>
internal static class KestrelHost
{
    public static WebApplication Build(TargetServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(KestrelHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Logging.ClearProviders();
        if (options.Verbose)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        }

        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.CloseTimeout);
        builder.WebHost.UseSockets(sockets => sockets.Backlog = options.ListenBacklog);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            Listen(kestrel, options);
        });

        return builder.Build();
    }

    /// <summary>The port Kestrel actually bound (the OS picks it when the options say 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                return uri.Port;
            }
        }

        throw new InvalidOperationException("Kestrel reported no bound address: " + string.Join(", ", addresses));
    }

    /// <summary>The host name clients should dial: a wildcard listen is reached on loopback.</summary>
    public static string ClientHost(string host) => host switch
    {
        "*" or "+" or "0.0.0.0" => "127.0.0.1",
        "::" or "[::]" => "[::1]",
        _ when string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) => "127.0.0.1",
        _ when IPAddress.TryParse(host.Trim('[', ']'), out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 => $"[{ip}]",
        _ => host,
    };

    private static void Listen(KestrelServerOptions kestrel, TargetServerOptions options)
    {
        var host = options.Host;
        void Configure(ListenOptions listen) => ServerTls.Apply(listen, options);
        if (host is "*" or "+")
        {
            kestrel.ListenAnyIP(options.Port, Configure);
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, Configure);
        }
        else if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, options.Port, Configure);
        }
        else
        {
            throw new ArgumentException($"Host must be an IP address, 'localhost' or '*', got '{host}'.", nameof(options));
        }
    }
}
