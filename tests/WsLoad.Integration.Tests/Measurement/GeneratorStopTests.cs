using System.Globalization;
using WsLoad.Results;
using WsLoad.Server;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli;
using Xunit.Abstractions;

namespace WsLoad.Tests.Measurement;

/// <summary>
/// Coordinated omission, end to end: the real <c>wsload</c> process is stopped (SIGSTOP) for a second in the middle
/// of a constant-rate run, then continued. The server keeps answering, so only the generator was held up: the sends
/// planned during the stop go out late, at once, when it continues. Response time (from the intended send) must show
/// the stop; service time (from the actual send) must not; and no planned send may be dropped. A build that times
/// responses from the actual send, or a send loop that skips or re-bases its schedule after a late wake, fails here.
/// </summary>
public sealed class GeneratorStopTests(ITestOutputHelper output)
{
    private const int Connections = 100;
    private const double RatePerConnection = 10;
    private const double TotalRate = Connections * RatePerConnection;
    private static readonly TimeSpan Stop = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_generator_stopped_for_1s_shows_it_in_response_p99_not_in_rtt_and_still_sends_every_planned_message()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        using var work = new TemporaryDirectory("wsload-sigstop");
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), ct);
        await using var run = WsLoadProcess.Start(
            ["run", "--url", server.WebSocketUrl.ToString(), "--connections", Connections.ToString(CultureInfo.InvariantCulture),
             "--ramp", "linear:500ms", "--hold", "6s", "--rate", $"{RatePerConnection}/s", "--out", work.Path]);

        // The ramp ends 0.5 s into the run and the hold lasts 6 s: all connected, then a second more, puts the stop
        // (and the resume a second later) well inside the hold, with every connection sending.
        await server.WaitForConnectionsAsync(Connections, ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        await run.SendSignalAsync("STOP", ct);
        try
        {
            await Task.Delay(Stop, ct); // the fault itself: the process stays stopped at least this long
        }
        finally
        {
            await run.SendSignalAsync("CONT", CancellationToken.None);
        }

        var exitCode = await run.WaitForExitAsync(ct);
        var result = await RunResultJson.ReadAsync(work.File("run.json"), ct);
        var serverStats = server.GetStats();
        var messages = result.Summary.Messages;
        var latency = result.Summary.LatencyMs;
        output.WriteLine($"exit {exitCode}; sent={messages.Sent} received={messages.Received} lost={messages.Lost} missedSends={messages.MissedSends} server in={serverStats.MessagesIn} out={serverStats.MessagesOut}");
        output.WriteLine(MeasurementRuns.Describe("rtt     ", latency.Rtt));
        output.WriteLine(MeasurementRuns.Describe("response", latency.Response));
        output.WriteLine(MeasurementRuns.DescribeHealth("generator", result));
        foreach (var s in result.Series)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {s.AtSeconds,6:0.000} {s.Phase,-10} open={s.OpenConnections,4} sent={s.Sent,5} received={s.Received,5} connectP99={s.ConnectP99}"));
        }

        output.WriteLine(MeasurementRuns.Describe("connect", result.Summary.LatencyMs.Connect));
        Assert.True(result.Status == RunStatus.Completed, $"{result.Status}: {result.StatusReason}; {run}");
        Assert.Equal((Connections, 0L, 0L), (result.Summary.Connections.Established, result.Summary.Connections.Failed, result.Summary.Connections.Dropped));

        // No send skipped: the send loop catches up rather than skipping (SendLoop), so every send the plan holds goes
        // out (see PlannedSends for the count and its slack). missedSends does not help here: it counts back-pressure
        // retries of a send that still goes out, not sends given up. Skipping the stop would cost TotalRate x Stop = 1,000.
        var (planned, slack) = MeasurementRuns.PlannedSends(result, RatePerConnection);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"planned sends {planned:0} ± {slack:0}"));
        Assert.InRange(messages.Sent, planned - slack, planned + slack);
        Assert.Equal(messages.Sent, serverStats.MessagesIn); // every send reached the server
        Assert.Equal((messages.Sent, 0L), (messages.Received, messages.Lost)); // and was answered

        // The sends planned during the stop, TotalRate x Stop = 1,000, waited for its rest: the one planned at its
        // start the whole stop, one planned d into it (Stop - d). They are far more than 1% of the run's sends, so
        // p99 falls among them: at least the stop minus the span in which 1% of the run's sends are planned, less
        // 0.1 s for edges (sends near the stop's start, the first wake after it). Measured from the actual send, the
        // response would be a round trip, a few ms.
        var onePercentSpanMs = 0.01 * messages.Received / TotalRate * 1000;
        var floorMs = Stop.TotalMilliseconds - onePercentSpanMs - 100;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"response p99 floor {floorMs:0} ms"));
        Assert.True(latency.Response!.P99 >= floorMs, MeasurementRuns.Describe("response", latency.Response));
        Assert.True(latency.Response.Max >= Stop.TotalMilliseconds - 100, MeasurementRuns.Describe("response", latency.Response));

        // The server answered throughout, so the round trips stay short: a stop that leaked into service time would put
        // its p99 near the stop too.
        Assert.True(latency.Rtt!.P99 < Stop.TotalMilliseconds / 4, MeasurementRuns.Describe("rtt", latency.Rtt));
    }
}
