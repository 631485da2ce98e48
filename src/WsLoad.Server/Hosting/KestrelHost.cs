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
        builder.WebHost.UseSockets(sockets =>
        {
            sockets.Backlog = options.ListenBacklog;
            if (options.ReusePort)
            {
                sockets.CreateBoundListenSocket = ReusePortSocket;
            }
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            Listen(kestrel, options);
            if (options.ProcessSocketPath is { } path)
            {
                File.Delete(path); // a stale socket file from a process that was killed
                kestrel.ListenUnixSocket(path);
            }
        });

        return builder.Build();
    }

    /// <summary>The port Kestrel actually bound (the OS picks it when the options say 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            if (!address.Contains("unix:", StringComparison.Ordinal) && Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                return uri.Port;
            }
        }

        throw new InvalidOperationException("Kestrel reported no bound address: " + string.Join(", ", addresses));
    }

    // SOL_SOCKET and SO_REUSEPORT on Linux: every process of a group binds the same port, and the kernel hashes each
    // new connection to one of them. The option must be set before bind, so the socket is made here, not by Kestrel.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    private static Socket ReusePortSocket(EndPoint endpoint)
    {
        if (endpoint is UnixDomainSocketEndPoint)
        {
            return Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets.SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }

        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint is IPEndPoint { Address: var address } && address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            socket.Bind(endpoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
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
