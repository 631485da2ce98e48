using WsLoad.Analysis;
using WsLoad.Results;

namespace WsLoad.Tests.Analysis.RootCauses;

/// <summary>
/// The root causes of real runs, kept as trimmed run.json files in Analysis/Fixtures (histograms, analysis and all but
/// the first 20 failure events and samples removed). Each ran on a 2-core machine, `wsload serve` and `wsload run` on
/// loopback, the server's pid and /stats given:
/// <list type="bullet">
/// <item><c>server-cpu-stepped.run.json</c>: <c>wsload serve --cpu-per-message 1ms</c>, then <c>wsload run -c 200
/// --ramp stepped:3x4s --hold 6s --ramp-down 2s --rate 10/s --server-pid PID --server-stats URL</c>. The server took
/// up to 194% of the 2 cores, the generator 6–24%; the generator counted as saturated only by the machine-cpu rule.</item>
/// <item><c>server-drop-reconnect.run.json</c>: <c>wsload serve --drop-at 6s --drop-percent 50</c>, then <c>wsload run
/// -c 2000 --ramp linear:2s --hold 10s --ramp-down 2s --rate 1/s --reconnect exponential:100ms..5s</c>. The server
/// reset 1,000 connections at 4.6 s of the run; the generator reconnected them in a storm from 4.7 s.</item>
/// </list>
/// </summary>
public sealed class RecordedRunTests
{
    [Fact]
    public async Task A_server_that_took_the_cores_is_the_cause_not_the_generator_that_waited_for_them()
    {
        var analysis = RunAnalyzer.Analyze(await Fixture("server-cpu-stepped.run.json"));
        var causes = analysis.RootCauses;

        Assert.True(causes[0].Kind == "server-cpu-saturated", Describe(causes));
        Assert.StartsWith("the server's CPU saturated: 192% of 2 cores", causes[0].Statement, StringComparison.Ordinal);
        Assert.DoesNotContain(causes[0].Contradicting, e => e.Contains("the server may not be to blame", StringComparison.Ordinal));
        var generator = causes.Single(c => c.Kind == "generator-saturated");
        Assert.True(generator.Confidence < causes[0].Confidence, Describe(causes));
        Assert.StartsWith("the server's process kept the machine's CPU busy (the machine 100% busy: the server's process 9", generator.Statement, StringComparison.Ordinal);
        Assert.DoesNotContain(analysis.Verdict.Reasons, r => r.Contains("the generator was saturated", StringComparison.Ordinal) || r.Contains("the generator's doing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_drop_is_the_cause_with_its_close_code_and_the_reconnect_storm_is_its_effect()
    {
        var causes = RunAnalyzer.Analyze(await Fixture("server-drop-reconnect.run.json")).RootCauses;

        Assert.True(causes[0].Kind == "server-dropped", Describe(causes));
        Assert.StartsWith("the server dropped 1,000 connections at 4.6 s with close code 1006 × 1,000 (abnormal closure, no close frame): ", causes[0].Statement, StringComparison.Ordinal);
        Assert.Contains(causes[0].Supporting, e => e.StartsWith("the reconnect storm at 4.7 s", StringComparison.Ordinal) && e.EndsWith("was the generator's answer to the drop, not a cause", StringComparison.Ordinal));
        Assert.DoesNotContain(causes, c => c.Statement.Contains("reconnect-storm", StringComparison.Ordinal));
    }

    private static Task<RunResult> Fixture(string name) =>
        RunResultJson.ReadAsync(Path.Combine(AppContext.BaseDirectory, "Analysis", "Fixtures", name));

    private static string Describe(IReadOnlyList<RootCause> causes) =>
        string.Join(" | ", causes.Select(c => $"{c.Kind} {c.Confidence}: {c.Statement}"));
}
