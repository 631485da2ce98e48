using System.Diagnostics;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Engine.WarmUp;

/// <summary>
/// Before the first measured connect, the generator runs a short private copy of the scenario against a
/// <see cref="LoopbackEchoPeer"/>: 100 connections with the scenario's subprotocols, headers and message types, for about
/// 2 s, results discarded. Without it the first second of every run timed the generator's own first-use cost (JIT
/// compilation and first allocations of the connect, send and receive paths) as the server's: connect max of 23–30 ms
/// against a warm Node server whose p50 was under 1 ms. The hold is long enough for the hot paths to be recompiled at
/// tier 1 (a 0.4 s warm-up of 32 connections only halved the first second's excess; bench/first-second-connect.sh).
/// Once per process: later runs find the code already compiled.
/// For a <c>wss://</c> target the peer speaks TLS with a throwaway certificate (<see cref="WarmUpCertificate"/>), and
/// the private copy's client accepts it without verification: the handshake and chain-building code then meets the
/// run compiled.
/// A process warmed over <c>ws://</c> only is warmed again when a later run's target is <c>wss://</c>.
/// </summary>
internal static class GeneratorWarmUp
{
    /// <summary>Enough connections to call every connect, send and receive path past the JIT's tier-1 threshold (30 calls).</summary>
    public const int Connections = 100;

    private static readonly TimeSpan Ramp = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(1500);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static int _done;
    private static int _doneTls;

    /// <summary>Runs the warm-up if this process has not had one (over TLS for a TLS target); returns what it did, or null when it was already warm.</summary>
    public static async Task<RunWarmUp?> RunOnceAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var tls = IsTls(scenario);
        var already = tls ? Interlocked.Exchange(ref _doneTls, 1) == 1 : Interlocked.Exchange(ref _done, 1) == 1;
        if (tls)
        {
            // A TLS warm-up runs the plain paths too.
            _ = Interlocked.Exchange(ref _done, 1);
        }

        return already ? null : await RunAsync(scenario, cancellationToken);
    }

    private static bool IsTls(Scenario scenario) => scenario.Target.Url.Scheme == "wss";

    /// <summary>
    /// Runs the warm-up. It never fails the run: a warm-up that cannot run (or is interrupted) leaves the generator as it
    /// was before warm-ups existed, cold but measured the same way, and the result says how far it got.
    /// </summary>
    public static async Task<RunWarmUp> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var watch = Stopwatch.StartNew();
        var tls = IsTls(scenario);
        RunResult? result = null;
        try
        {
            using var certificate = tls ? WarmUpCertificate.Create() : null;
            await using var peer = LoopbackEchoPeer.Start(certificate);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Limit);
            using var run = new LoadTestRun(PrivateCopy(scenario, peer), new LoadTestOptions());
            result = await run.RunAsync(limit.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or System.Net.Sockets.SocketException)
        {
            // An interrupt during the warm-up goes on to the run, which sees it at once and ends as interrupted.
        }

        return new RunWarmUp
        {
            Connections = result?.Summary.Connections.Established ?? 0,
            Messages = result?.Summary.Messages.Received ?? 0,
            Seconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
            Tls = tls,
        };
    }

    /// <summary>The scenario's traffic, aimed at the peer, with nothing that would touch anything but the peer.</summary>
    private static Scenario PrivateCopy(Scenario scenario, LoopbackEchoPeer peer)
    {
        var url = new UriBuilder(peer.IsTls ? "wss" : "ws", peer.EndPoint.Address.ToString(), peer.EndPoint.Port, scenario.Target.Url.AbsolutePath).Uri;
        return new Scenario
        {
            Name = "warm-up",
            Target = new TargetOptions
            {
                Url = url,
                Headers = scenario.Target.Headers,
                Query = scenario.Target.Query,
                Subprotocols = scenario.Target.Subprotocols,
                // The throwaway certificate is trusted by no one: the chain is still built and checked (that code is
                // what needs warming), and its verdict ignored. The target's own TLS settings are never used here.
                Tls = new TlsOptions { Insecure = true, Resume = scenario.Target.Tls.Resume },
                ConnectTimeout = TimeSpan.FromSeconds(5),
            },
            Connections = new ConnectionOptions
            {
                Count = Connections,
                Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = Ramp },
                Hold = Hold,
            },
            Messages = scenario.Messages with
            {
                RatePerSecond = 20,
                TotalRatePerSecond = null,
                InFlight = null,
                Timeout = TimeSpan.FromSeconds(1),
                StartDelay = TimeSpan.Zero,
                Bursts = [],
                Recovery = MessageRecovery.None,
                Retry = RetryOptions.None,
            },
        };
    }
}
