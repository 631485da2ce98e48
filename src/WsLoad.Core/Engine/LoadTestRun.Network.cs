using System.Net;
using System.Net.Sockets;
using WsLoad.Connections;
using WsLoad.Network;
using WsLoad.Results;

namespace WsLoad.Engine;

/// <summary>
/// The scenario's <c>network:</c> section: a chaos proxy inside the run, between every connection and the target, with
/// its toxics put in place and removed on the run's clock and recorded on the timeline.
/// </summary>
internal sealed partial class LoadTestRun
{
    private ChaosProxy? _proxy;
    private ToxicSchedule? _toxicSchedule;

    /// <summary>Starts the proxy (before the first connect) when the scenario has a network section.</summary>
    private async Task StartNetworkAsync(CancellationToken cancellationToken)
    {
        if (_scenario.Network is not { } network)
        {
            return;
        }

        var upstream = await ResolveTargetAsync(_scenario.Target.Url, cancellationToken);
        var loopback = _sourceAddresses.FirstOrDefault()?.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        var proxy = ChaosProxy.Start(new IPEndPoint(loopback, 0), upstream, _time);
        proxy.ConnectionsReset = (toxic, count) =>
            _timeline.Record(RunEventSource.Network, "connections-reset", $"{toxic.Kind}: reset {count:N0} connection(s)", count: count);
        _proxy = proxy;
        _toxicSchedule = ToxicSchedule.Start(
            network.Toxics.Select(ScheduledToxic.From),
            _time,
            _start,
            toxic =>
            {
                proxy.AddToxic(toxic.Name, toxic.Toxic);
                _timeline.Record(RunEventSource.Network, toxic.Toxic.Kind + "-added", toxic.Describe(), duration: toxic.Duration);
            },
            toxic =>
            {
                proxy.RemoveToxic(toxic.Name);
                _timeline.Record(RunEventSource.Network, toxic.Toxic.Kind + "-removed", toxic.Describe());
            });
    }

    /// <summary>The request through the proxy when there is one: its address, the target's URL (Host header, path, TLS name).</summary>
    private WsConnectRequest ThroughNetwork(WsConnectRequest request) =>
        _proxy is { } proxy ? request with { ConnectEndPoint = proxy.LocalEndPoint } : request;

    /// <summary>Stops the toxics' schedule and the proxy, after the connections closed.</summary>
    private async Task StopNetworkAsync()
    {
        _toxicSchedule?.Dispose();
        if (_proxy is { } proxy)
        {
            await proxy.DisposeAsync();
        }
    }

    private static async Task<IPEndPoint> ResolveTargetAsync(Uri url, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(url.DnsSafeHost, out var literal))
        {
            return new IPEndPoint(literal, url.Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(url.DnsSafeHost, cancellationToken);
        var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"network: no address for '{url.DnsSafeHost}'");
        return new IPEndPoint(address, url.Port);
    }
}
