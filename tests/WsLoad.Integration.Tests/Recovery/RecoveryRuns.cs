using System.Globalization;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Recovery;

/// <summary>Runs the engine against an embedded server that drops connections, and describes the recovery block.</summary>
internal static class RecoveryRuns
{
    public static readonly ReconnectOptions FastExponential = new()
    {
        Policy = ReconnectPolicy.Exponential,
        Delay = TimeSpan.FromMilliseconds(50),
        MaxDelay = TimeSpan.FromSeconds(1),
        Jitter = 0.2,
        MaxAttempts = 10,
        MaxConcurrent = 200,
    };

    public static async Task<(RunResult Result, ServerStats Server)> RunAsync(ServerFaults faults, Func<Uri, Scenario> scenario, CancellationToken cancellationToken)
    {
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cancellationToken);
        var result = await LoadTest.RunAsync(scenario(server.WebSocketUrl), cancellationToken: cancellationToken);
        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}");
        return (result, server.GetStats());
    }

    public static string Describe(RecoverySummary? recovery) => recovery is null
        ? "recovery: none"
        : string.Create(CultureInfo.InvariantCulture, $"recovery: drops={recovery.Drops} attempts={recovery.ReconnectAttempts} reconnects={recovery.Reconnects} failures={recovery.ReconnectFailures} gaveUp={recovery.GaveUp} mttr={recovery.MttrSeconds}s inFlight={recovery.InFlightAtDrops} resent={recovery.MessagesResent} recovered={recovery.MessagesRecovered} lost={recovery.MessagesLost} serviceBack={recovery.Service?.SecondsToRecover}s baseline={recovery.Service?.BaselineThroughputPerSec}/s p99={recovery.Service?.BaselineRttP99Ms}ms");
}
