using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Tls;

/// <summary>Shared pieces of the wss:// tests: a TLS target server and a small, short engine run against it.</summary>
internal static class TlsRuns
{
    public const int Connections = 20;

    public static Task<TargetServer> StartServerAsync(TestCertificates certificates, CancellationToken cancellationToken, bool requireClientCertificate = false) =>
        TargetServer.StartAsync(
            new TargetServerOptions
            {
                Certificate = certificates.Server,
                RequireClientCertificate = requireClientCertificate,
                ClientCertificateAuthority = requireClientCertificate ? certificates.Ca : null,
            },
            cancellationToken);

    /// <summary>~20 connections over half a second, held for 1.5 s at 4 messages/s each.</summary>
    public static Task<RunResult> RunAsync(Uri url, TlsOptions tls, CancellationToken cancellationToken) =>
        LoadTest.RunAsync(
            new Scenario
            {
                Name = "tls",
                Target = new TargetOptions { Url = url, Tls = tls, ConnectTimeout = TimeSpan.FromSeconds(5) },
                Connections = new ConnectionOptions
                {
                    Count = Connections,
                    Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromMilliseconds(500) },
                    Hold = TimeSpan.FromSeconds(1.5),
                },
                Messages = new MessageOptions { RatePerSecond = 4, Types = [new MessageType { Name = "m", Size = SizeSpec.Fixed(100) }] },
            },
            cancellationToken: cancellationToken);

    /// <summary>Every connection opened and closed normally, and every echo came back correlated.</summary>
    public static void AssertAllConnectedAndEchoed(RunResult result)
    {
        var description = Describe(result);
        Assert.True(result.Status == RunStatus.Completed, description);
        Assert.Equal(Connections, result.Summary.Connections.Established);
        Assert.Equal(0, result.Summary.Connections.Failed);
        Assert.True(result.Summary.Messages.Sent > 0, description);
        Assert.Equal(result.Summary.Messages.Sent, result.Summary.Messages.Received);
        Assert.Equal(0, result.Summary.Messages.Lost);
        Assert.NotNull(result.Summary.LatencyMs.Rtt);
    }

    /// <summary>The run stopped without a single connection, every failure a <c>connect-tls</c>.</summary>
    public static FailureEvent AssertAbortedOnTls(RunResult result)
    {
        var description = Describe(result);
        Assert.True(result.Status == RunStatus.Aborted, description);
        Assert.Equal(0, result.Summary.Connections.Established);
        Assert.True(result.ErrorsByClass.TryGetValue("connect-tls", out var count) && count > 0, description);
        Assert.Equal(["connect-tls"], result.ErrorsByClass.Keys);
        return Assert.Single(result.FailureEvents.DistinctBy(e => e.Class));
    }

    private static string Describe(RunResult result) =>
        $"{result.Status}: {result.StatusReason}; errors: {string.Join(", ", result.ErrorsByClass.Select(e => $"{e.Key}={e.Value}"))}; "
        + $"first: {(result.FailureEvents.Count > 0 ? result.FailureEvents[0].Message : "")}";
}
