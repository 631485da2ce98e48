using System.Globalization;
using WsLoad.Analysis;
using WsLoad.Engine;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Tests.Cli;
using WsLoad.Tests.Measurement;
using Xunit.Abstractions;

namespace WsLoad.Tests.Analysis;

/// <summary>
/// Acceptance 2's CPU case: a real <c>wsload serve --cpu-per-message</c> process (its own process, so its CPU is
/// sampled on its own through <see cref="LoadTestOptions.ServerProcessId"/>) is driven up a stepped ramp past what its
/// cores can burn, and run.json's analysis must name <c>server-cpu-saturated</c> with the CPU figure and its time.
/// Generator and server share this machine's cores: when the generator reports itself saturated, the rules demote
/// server-side causes, so the cause must then be in the list (not necessarily first) and the test log says so.
/// </summary>
public sealed class ServerCpuRootCauseTests(ITestOutputHelper output)
{
    /// <summary>
    /// 10 ms of CPU per message: two cores answer at most ~200 messages a second. The ramp offers 90, 180, 270 and 360 a
    /// second (15 connections × 6/s per step): 45% and 90% of the cores, then more than they can burn. Few messages keep
    /// the generator's own share of the cores small, so the server can take nearly all of them.
    /// </summary>
    private static readonly TimeSpan CpuPerMessage = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task A_server_burning_its_cores_is_named_server_cpu_saturated_with_the_figure_and_the_time()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(38));
        RunResult run;
        await using (var server = WsLoadProcess.Start(
            "serve", "--port", "0", "--cpu-per-message", $"{CpuPerMessage.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms", "--owned-by-parent"))
        {
            var line = await server.ReadLineAsync(cts.Token);
            Assert.StartsWith("listening ws://127.0.0.1:", line, StringComparison.Ordinal);
            var url = new Uri(line["listening ".Length..]);

            // Warm both processes up (JIT, first connections) so start-up lag is not taken for the trouble's onset.
            _ = await LoadTest.RunAsync(WarmUp(url), cancellationToken: cts.Token);
            run = await LoadTest.RunAsync(SteppedEcho(url), new LoadTestOptions { ServerProcessId = server.Id }, cts.Token);
        }

        // What run.json holds, not the in-memory result: the analysis block as written and read back.
        run = RunResultJson.Deserialize(RunResultJson.Serialize(run));
        var analysis = run.Analysis ?? throw new Xunit.Sdk.XunitException("run.json has no analysis block");
        Describe(run, analysis);

        Assert.Equal(RunStatus.Completed, run.Status);
        var cores = run.Environment.ProcessorCount;
        var saturated = run.Series.FirstOrDefault(s => s.Server is { } p && p.CpuPercent >= 90.0 * cores);
        Assert.True(saturated is not null, string.Create(CultureInfo.InvariantCulture,
            $"the server's CPU never reached 90% of the cores (peak {run.Series.Max(s => s.Server?.CpuPercent ?? 0):0}%); other processes took up to {run.Series.Max(s => Others(s, cores)):0}% (of one core) in a second: on a machine busy with other work the server cannot take the cores"));

        var cause = analysis.RootCauses.FirstOrDefault(c => c.Kind == "server-cpu-saturated");
        Assert.True(cause is not null, "server-cpu-saturated is not among the root causes");
        Assert.NotEqual(ReadinessDecision.Go, analysis.Verdict.Decision);
        if (run.GeneratorHealth is { Saturated: true })
        {
            // The generator shares the two cores with the server and said it was saturated: its timings (the trouble's
            // onset) are not trusted, so only that the cause is named is held, not its evidence or its rank.
            output.WriteLine("The generator reported itself saturated: server-cpu-saturated is asserted present, not its evidence or rank.");
            return;
        }

        var cpu = string.Create(CultureInfo.InvariantCulture, $"{saturated.Server!.CpuPercent:#,0.##}% of {cores} cores");
        var at = string.Create(CultureInfo.InvariantCulture, $"at {saturated.AtSeconds:0.#} s");
        Assert.Contains($"{cpu} {at}", cause.Statement, StringComparison.Ordinal);
        Assert.Contains(cause.Supporting, s => s.StartsWith($"server CPU {cpu} (", StringComparison.Ordinal) && s.Contains(at, StringComparison.Ordinal));
        Assert.Equal("server-cpu-saturated", analysis.RootCauses[0].Kind);
    }

    private static Scenario WarmUp(Uri url) => new()
    {
        Target = new TargetOptions { Url = url },
        Connections = new ConnectionOptions { Count = 4, Ramp = new RampOptions { Strategy = RampStrategy.Burst }, Hold = TimeSpan.FromSeconds(1) },
        Messages = new MessageOptions { RatePerSecond = 5 },
    };

    /// <summary>CPU (100 = one core) the machine spent on processes other than the server and the generator in a second.</summary>
    private static double Others(IntervalSample s, int cores) =>
        s.Machine is { } machine ? Math.Max(0, (machine.CpuPercent * cores) - (s.Server?.CpuPercent ?? 0) - (s.Generator?.CpuPercent ?? 0)) : 0;

    private static Scenario SteppedEcho(Uri url) => new()
    {
        Target = new TargetOptions { Url = url },
        Connections = new ConnectionOptions
        {
            Count = 80,
            Ramp = new RampOptions { Strategy = RampStrategy.Stepped, Steps = 4, Plateau = TimeSpan.FromSeconds(3) },
            Hold = TimeSpan.FromSeconds(2),
        },
        Messages = new MessageOptions { RatePerSecond = 6 },
    };

    private void Describe(RunResult run, RunAnalysis analysis)
    {
        output.WriteLine(MeasurementRuns.DescribeHealth("run", run));
        foreach (var s in run.Series)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{s.AtSeconds,5:0.0}s open={s.OpenConnections,3} sent={s.Sent,5} received={s.Received,5} rttP99={s.RttP99,8:0.#} ms server={s.Server?.CpuPercent,5:0}% generator={s.Generator?.CpuPercent,5:0}% others={Others(s, run.Environment.ProcessorCount),5:0}%"));
        }

        output.WriteLine($"verdict {analysis.Verdict.Decision} {analysis.Verdict.Confidence}: {string.Join(" | ", analysis.Verdict.Reasons)}");
        foreach (var cause in analysis.RootCauses)
        {
            output.WriteLine($"{cause.Id} {cause.Confidence}: {cause.Statement}");
            output.WriteLine("  + " + string.Join("\n  + ", cause.Supporting));
            output.WriteLine("  - " + string.Join("\n  - ", cause.Contradicting));
        }
    }
}
