using System.Globalization;
using WsLoad.Results;
using WsLoad.Server;
using Xunit.Abstractions;

namespace WsLoad.Tests.Measurement;

/// <summary>Acceptance 1 of "Measurement you can trust": a fixed server delay shows up, exactly, in the service time.</summary>
public sealed class ServiceTimeDelayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ServerDelay = TimeSpan.FromMilliseconds(25);
    private const double ToleranceMs = 2;

    /// <summary>
    /// A p99 rests on the 30 slowest of 3,000 round trips, so one hiccup of a shared 2-core machine (another process,
    /// a GC of the test host) in one run and not the other moves it by a few ms. The claim under test is a systematic
    /// one — the delay adds 25 ms, no more, no less — so a pair of runs that meets it, p50 and p99, settles it; a wrong
    /// offset fails every attempt. Every attempt is held to the whole claim: one the tool marks unreliable (generator or
    /// machine saturated, a TCP timeout on the run) is not let off with less, only labelled so, to explain a miss. Each
    /// attempt is logged, with the per-second series of a failed one.
    /// </summary>
    private const int Attempts = 5;

    [Fact]
    public async Task A_25ms_server_delay_adds_25ms_to_service_time_p50_and_p99()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        // 3,000 messages a run, so p99 rests on 30 samples rather than a handful.
        static WsLoad.Scenarios.Scenario Load(Uri url) => MeasurementRuns.ConstantRate(url, connections: 50, ratePerSecond: 10, TimeSpan.FromSeconds(6));

        _ = await MeasurementRuns.RunAsync(ServerFaults.None, Load, cts.Token); // warm-up: JIT and pools, not measured
        _ = await MeasurementRuns.RunAsync(new ServerFaults { ReplyDelay = ServerDelay }, Load, cts.Token); // warm-up of the delay path

        var failures = new List<string>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (baseline, _) = await MeasurementRuns.RunAsync(ServerFaults.None, Load, cts.Token);
            var (delayed, server) = await MeasurementRuns.RunAsync(new ServerFaults { ReplyDelay = ServerDelay }, Load, cts.Token);

            // What the delay guarantees holds on every attempt: every reply delayed, none lost, none sooner than the delay.
            Assert.Equal(delayed.Summary.Messages.Received, server.RepliesDelayed);
            Assert.Equal(0, delayed.Summary.Messages.Lost);
            Assert.True(delayed.Summary.LatencyMs.Rtt!.P50 >= ServerDelay.TotalMilliseconds, MeasurementRuns.Describe("delayed rtt", delayed.Summary.LatencyMs.Rtt));

            var failure = Check(attempt, baseline, delayed);
            if (failure is null)
            {
                return;
            }

            failures.Add(failure);
            output.WriteLine(failure);
            LogSeries("baseline", baseline);
            LogSeries("delayed", delayed);
        }

        Assert.Fail($"the delay was not measured within ±{ToleranceMs} ms in {Attempts} attempts:\n{string.Join("\n", failures)}");
    }

    /// <summary>Null when p50 and p99 are the baseline's + 25 ms within the tolerance; else why not.</summary>
    private string? Check(int attempt, RunResult baseline, RunResult delayed)
    {
        var before = baseline.Summary.LatencyMs.Rtt!;
        var after = delayed.Summary.LatencyMs.Rtt!;
        output.WriteLine($"attempt {attempt}");
        output.WriteLine(MeasurementRuns.Describe("  baseline rtt", before));
        output.WriteLine(MeasurementRuns.Describe("  delayed rtt ", after));
        output.WriteLine(MeasurementRuns.DescribeHealth("  baseline", baseline));
        output.WriteLine(MeasurementRuns.DescribeHealth("  delayed ", delayed));

        var expectedP50 = before.P50 + ServerDelay.TotalMilliseconds;
        var expectedP99 = before.P99 + ServerDelay.TotalMilliseconds;
        var p50Ok = Math.Abs(after.P50 - expectedP50) <= ToleranceMs;
        var p99Ok = Math.Abs(after.P99 - expectedP99) <= ToleranceMs;
        if (p50Ok && p99Ok)
        {
            return null;
        }

        // A busy neighbour on a shared 2-core machine moves a tail by tens of ms: say so when the tool saw it.
        var unreliable = new[] { (Label: "baseline", Run: baseline), (Label: "delayed", Run: delayed) }
            .Where(run => MeasurementRuns.TailUnreliable(run.Run))
            .Select(run => $"; unreliable: in the {run.Label} run {MeasurementRuns.UnreliableBecause(run.Run)}");
        return string.Create(CultureInfo.InvariantCulture, $"attempt {attempt}: p50 {after.P50} ms (expected {expectedP50:0.###} ± {ToleranceMs}), p99 {after.P99} ms (expected {expectedP99:0.###} ± {ToleranceMs}){string.Concat(unreliable)}");
    }

    /// <summary>The per-second series, to tell a machine hiccup (one second, pool queue up) from a systematic error.</summary>
    private void LogSeries(string label, RunResult result)
    {
        output.WriteLine($"  {label} series: s sent received rttP99 rttMax genCpu% pool queue poolDelayMs lagMs gcPauseMs");
        foreach (var s in result.Series)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {s.AtSeconds,6:0.0} {s.Sent,5} {s.Received,5} {s.RttP99,8:0.###} {s.RttMax,8:0.###} {s.Generator?.CpuPercent,5:0} {s.Generator?.ThreadPoolThreads,3} {s.Generator?.ThreadPoolQueue,4} {s.Generator?.ThreadPoolDelayMs,6:0.#} {s.Generator?.SchedulingLagMs,6:0.#} {s.Generator?.GcPauseMs,6:0.#}"));
        }
    }
}
