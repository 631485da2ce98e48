using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Server;

/// <summary><c>wsload serve --workers 3</c>: three real server processes on one port, and one /stats for all of them.</summary>
public sealed partial class ServerGroupTests
{
    [Fact]
    public async Task Three_processes_share_the_port_every_one_takes_connections_and_stats_adds_them_up()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var serve = WsLoadProcess.Start("serve", "--port", "0", "--workers", "3");
        var url = new Uri((await serve.ReadLineAsync(cts.Token))["listening ".Length..]);
        var pids = ProcessIds().Match(await serve.ReadLineAsync(cts.Token)).Groups["pids"].Value
            .Split(", ").Select(int.Parse).ToList();
        Assert.Equal(3, pids.Count);
        Assert.Equal(serve.Id, pids[0]);

        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = url },
            Connections = new ConnectionOptions { Count = 600, Ramp = new RampOptions { Duration = TimeSpan.FromSeconds(1) }, Hold = TimeSpan.FromSeconds(2) },
            Messages = new MessageOptions { RatePerSecond = 2 },
        };
        var result = await LoadTest.RunAsync(scenario, cancellationToken: cts.Token);
        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");

        // Whichever process the kernel hands the request to, /stats is the group's sum. Each request on a new
        // connection (a new source port, hashed anew): twelve all landing on the first process has odds of 3^-11.
        var statsUrl = new Uri($"http://{url.Authority}/stats");
        for (var i = 0; i < 12; i++)
        {
            using var http = new HttpClient();
            var stats = await http.GetFromJsonAsync<ServerStats>(statsUrl, cts.Token);
            Assert.Equal((600L, result.Summary.Messages.Sent, result.Summary.Messages.Received), (stats!.TotalAccepted, stats.MessagesIn, stats.MessagesOut));
            Assert.Equal(pids[0], stats.ProcessId);
        }

        // Each process served a share of the connections.
        var perProcess = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            using var client = UnixSocketClient(Path.Combine(Path.GetTempPath(), $"wsload-serve-{pids[0]}-{i}.sock"));
            var own = await client.GetFromJsonAsync<ServerStats>("stats?scope=process", cts.Token);
            Assert.Equal(pids[i], own!.ProcessId);
            perProcess.Add(own.TotalAccepted);
        }

        Assert.Equal(600, perProcess.Sum());
        Assert.All(perProcess, accepted => Assert.True(accepted > 0, $"a process took no connection: {string.Join(", ", perProcess)}"));

        // Stopping the first stops the group, and none of its processes is left.
        await serve.SendSignalAsync("TERM", cts.Token);
        await serve.WaitForExitAsync(cts.Token);
        foreach (var pid in pids.Skip(1))
        {
            await WaitForExitAsync(pid, cts.Token);
        }
    }

    private static HttpClient UnixSocketClient(string path) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(path), ct);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    })
    { BaseAddress = new Uri("http://localhost/") };

    private static async Task WaitForExitAsync(int pid, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }

    [GeneratedRegex(@"processes share the port \(SO_REUSEPORT\): (?<pids>[\d, ]+);")]
    private static partial Regex ProcessIds();
}
