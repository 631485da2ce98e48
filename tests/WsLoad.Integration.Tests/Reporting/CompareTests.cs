using WsLoad.Cli;
using WsLoad.Server;
using WsLoad.Tests.Cli;
using WsLoad.Tests.Cli.BadInput;
using Xunit.Abstractions;

namespace WsLoad.Tests.Reporting;

/// <summary>
/// Acceptance 4 of issue 5: <c>wsload compare</c> flags a planted p99 regression (a server reply delay) and does not
/// flag two runs of the same load, all with real short runs against the embedded server.
/// </summary>
public sealed class CompareTests(ITestOutputHelper output)
{
    /// <summary>
    /// Far above what a busy shared machine does to a loopback p99 (tens of ms when neighbours compile), so the planted
    /// regression stands out of the base run's own noise wherever the test runs; 20% shifts are covered with synthetic
    /// histograms in <see cref="Comparison.QuantileIntervalTests"/>.
    /// </summary>
    private static readonly TimeSpan PlantedDelay = TimeSpan.FromMilliseconds(200);

    private static readonly string[] Load = ["-c", "50", "--ramp", "linear:1s", "--hold", "3s", "--rate", "10/s", "--report", "none", "-q"];

    [Fact]
    public async Task Compare_flags_a_planted_p99_regression_and_not_two_runs_of_the_same_load()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var warmUp = new RealCli();
        using var baseRun = new RealCli();
        using var sameRun = new RealCli();
        using var delayedRun = new RealCli();
        await using (var server = await TargetServer.StartAsync(new TargetServerOptions(), timeout.Token))
        {
            // The warm-up takes JIT and pool growth out of the measured runs.
            foreach (var cli in new[] { warmUp, baseRun, sameRun })
            {
                Assert.True(await cli.RunAsync(timeout.Token, ["--url", server.WebSocketUrl.AbsoluteUri, .. Load]) == ExitCodes.Passed, cli.ToString());
            }
        }

        await using (var slow = await TargetServer.StartAsync(new TargetServerOptions { Faults = new ServerFaults { ReplyDelay = PlantedDelay } }, timeout.Token))
        {
            Assert.True(await delayedRun.RunAsync(timeout.Token, ["--url", slow.WebSocketUrl.AbsoluteUri, .. Load]) == ExitCodes.Passed, delayedRun.ToString());
        }

        using var same = new RealCli();
        var sameExit = await same.InvokeAsync(timeout.Token, "compare", baseRun.RunJsonPath, sameRun.RunJsonPath, "--format", "md,html", "--out", same.OutDir);
        output.WriteLine(same.Out);
        Assert.True(File.Exists(Path.Combine(same.OutDir, "compare.md")) && File.Exists(Path.Combine(same.OutDir, "compare.html")), same.ToString());
        var (baseResult, sameResult) = (await baseRun.ReadRunJsonAsync(timeout.Token), await sameRun.ReadRunJsonAsync(timeout.Token));
        output.WriteLine(Measurement.MeasurementRuns.DescribeHealth("base", baseResult));
        output.WriteLine(Measurement.MeasurementRuns.DescribeHealth("same", sameResult));
        var saturated = Measurement.MeasurementRuns.TailUnreliable(baseResult) || Measurement.MeasurementRuns.TailUnreliable(sameResult);
        if (saturated)
        {
            // As in ServiceTimeDelayTests: when the generator reports that it (or the machine) was saturated, the tool
            // itself marks those runs' latencies unreliable (a busy neighbour moves a loopback p99 by tens of ms in one
            // run and not the other); then only the figures that do not depend on the machine's speed are held.
            output.WriteLine("latency rows not held: the generator was saturated in one of the runs");
            Assert.DoesNotMatch(@"(?m)^(connections|connect success|connect rate|throughput|errors|error rate|messages lost|availability) .*REGRESSION", same.Out);
        }
        else
        {
            Assert.True(sameExit == ExitCodes.Passed, same.ToString());
            Assert.DoesNotContain("REGRESSION", same.Out, StringComparison.Ordinal);
            Assert.StartsWith("compare: no regression", RealCli.Lines(same.Out)[^1], StringComparison.Ordinal);
            Assert.StartsWith("# wsload compare: no regression", await File.ReadAllTextAsync(Path.Combine(same.OutDir, "compare.md"), timeout.Token), StringComparison.Ordinal);
        }

        using var planted = new RealCli();
        var plantedExit = await planted.InvokeAsync(timeout.Token, "compare", baseRun.RunJsonPath, delayedRun.RunJsonPath);
        output.WriteLine(planted.Out);
        Assert.True(plantedExit == ExitCodes.ThresholdsFailed, planted.ToString());
        Assert.Matches(@"(?m)^rtt p99 .* REGRESSION\s*$", planted.Out);
        Assert.Matches(@"^compare: REGRESSION: .*rtt p99 \+", RealCli.Lines(planted.Out)[^1]);
        Assert.False(Directory.Exists(planted.OutDir)); // no --format, no --out: the console only
    }

    [Fact]
    public async Task A_missing_file_a_file_that_is_not_a_run_json_and_a_bad_percentage_exit_2_with_one_line()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var cli = new RealCli();
        var stored = Path.Combine(cli.Folder, "run.json");
        await WsLoad.Results.RunResultJson.WriteAsync(SampleRuns.Result(), stored, timeout.Token);
        var notRunJson = Path.Combine(cli.Folder, "package.json");
        await File.WriteAllTextAsync(notRunJson, """{ "name": "x" }""", timeout.Token);
        var missing = Path.Combine(cli.Folder, "nope.json");

        Assert.Equal(ExitCodes.UsageError, await cli.InvokeAsync(timeout.Token, "compare", stored, missing));
        Assert.Equal($"wsload: error: {missing}: no such file; give the run.json a run wrote (e.g. wsload-results/run.json)", Assert.Single(cli.ErrorLines));

        using var second = new RealCli();
        Assert.Equal(ExitCodes.UsageError, await second.InvokeAsync(timeout.Token, "compare", notRunJson, stored));
        Assert.StartsWith($"wsload: error: {notRunJson}: not a run.json (", Assert.Single(second.ErrorLines), StringComparison.Ordinal);

        using var third = new RealCli();
        Assert.Equal(ExitCodes.UsageError, await third.InvokeAsync(timeout.Token, "compare", stored, stored, "--fail-on-regression", "ten"));
        Assert.Contains("--fail-on-regression: 'ten' is not a percentage such as 10% or 2.5%", third.Error, StringComparison.Ordinal);

        using var fourth = new RealCli();
        Assert.Equal(ExitCodes.UsageError, await fourth.InvokeAsync(timeout.Token, "compare", stored, stored, "--format", "pdf"));
        Assert.Contains("unknown compare format 'pdf'; allowed: md, html", fourth.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_compared_with_itself_exits_0_and_the_threshold_is_parsed_as_a_percentage()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var cli = new RealCli();
        var stored = Path.Combine(cli.Folder, "run.json");
        await WsLoad.Results.RunResultJson.WriteAsync(SampleRuns.Result(), stored, timeout.Token);

        Assert.Equal(ExitCodes.Passed, await cli.InvokeAsync(timeout.Token, "compare", stored, stored, "--fail-on-regression", "2.5%", "--out", cli.OutDir));

        Assert.Equal("compare: no regression (threshold 2.5%, beyond noise)", RealCli.Lines(cli.Out)[^1]);
        Assert.True(File.Exists(Path.Combine(cli.OutDir, "compare.md"))); // --out alone writes Markdown
        Assert.False(File.Exists(Path.Combine(cli.OutDir, "compare.html")));
    }

    [Fact]
    public async Task Help_shows_the_examples()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var cli = new RealCli();

        Assert.Equal(0, await cli.InvokeAsync(timeout.Token, "compare", "--help"));

        Assert.Contains("--fail-on-regression", cli.Out, StringComparison.Ordinal);
        Assert.Contains("wsload compare base.json new.json --fail-on-regression 5%", cli.Out, StringComparison.Ordinal);
    }
}
