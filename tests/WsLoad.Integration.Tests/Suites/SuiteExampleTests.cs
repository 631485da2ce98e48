using OpenQA.Selenium;
using WsLoad.Cli;
using WsLoad.Suites;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli;
using WsLoad.Tests.Reporting;
using Xunit.Abstractions;

namespace WsLoad.Tests.Suites;

/// <summary>The suites in examples/suites, the built-in templates, and the suite report as a browser shows it.</summary>
public sealed class SuiteExampleTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsload-suite-examples-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public static TheoryData<string> SuiteFiles() => new(Directory.GetFiles(Path.Combine(RepositoryPaths.Examples, "suites"), "*.yaml").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(SuiteFiles))]
    public void Each_example_suite_names_its_schema_validates_against_it_and_loads(string name)
    {
        var path = Path.Combine(RepositoryPaths.Examples, "suites", name);
        var text = File.ReadAllText(path);

        Assert.StartsWith("# yaml-language-server: $schema=../../schema/suite.schema.json", text, StringComparison.Ordinal);
        Assert.Empty(ConfigSchemas.ValidateSuite(text));
        var suite = SuiteLoader.LoadFile(path);
        Assert.NotEmpty(suite.Scenarios);
    }

    [Fact]
    public void The_readiness_suite_covers_the_list_a_websocket_service_is_judged_by()
    {
        var suite = SuiteLoader.LoadFile(Path.Combine(RepositoryPaths.Examples, "suites", "readiness.yaml"));
        var scenarios = suite.Scenarios.ToList();

        // The four ramps, each its own scenario.
        Assert.Equal(
            [Scenarios.RampStrategy.Linear, Scenarios.RampStrategy.Exponential, Scenarios.RampStrategy.Stepped, Scenarios.RampStrategy.Burst],
            scenarios.Take(4).Select(s => s.Scenario.Connections.Ramp.Strategy));
        Assert.Contains(scenarios, s => s.Scenario.Messages.Bursts.Count > 0);
        Assert.Contains(scenarios, s => s.Scenario.Messages.Types.Count > 1);
        Assert.Contains(scenarios, s => s.Scenario.Messages.Retry.Enabled);
        Assert.Contains(scenarios, s => s.Scenario.Network is not null);
        Assert.Contains(scenarios, s => s.Scenario.ServerFaults is not null);
        Assert.Contains(scenarios, s => s.Scenario.Connections.Reconnect.Enabled && s.Scenario.Messages.Recovery != Scenarios.MessageRecovery.None);
        Assert.Contains(scenarios, s => s.Scenario.Checkpoints.Any(c => c.Action == Scenarios.CheckpointAction.PauseRamp));
        Assert.All(scenarios.Where(s => s.Server?.Args.Count > 0 || s.Scenario.ServerFaults is not null), s => Assert.Contains(SuiteScenario.NeedsEmbeddedServer, s.Needs));

        // Its plan: within the 15 minutes the suite may take here.
        var plan = SuitePlan.For(suite, Planning.MachineLimits.Read());
        Assert.True(plan.TotalSeconds <= 15 * 60, $"the plan says {plan.TotalSeconds:0} s");
        output.WriteLine($"readiness: {scenarios.Count} scenarios, planned {plan.TotalSeconds:0} s");
    }

    [Fact]
    public void The_built_in_readiness_template_is_the_example_and_loads_with_its_files_against_a_given_url()
    {
        var path = SuiteTemplates.Extract("readiness", _folder);

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "suites", "readiness.yaml")), File.ReadAllText(path));
        var suite = SuiteLoader.LoadFile(path, new Dictionary<string, string> { ["url"] = "ws://127.0.0.1:8080/ws" });
        Assert.Equal(16, suite.Scenarios.Count());
    }

    [Fact]
    public async Task An_unknown_template_exits_2_naming_the_built_in_ones()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var wsload = WsLoadProcess.Start("suite", "--template", "nightly", "--url", "ws://127.0.0.1:1/ws", "--out", _folder);

        Assert.Equal(ExitCodes.UsageError, await wsload.WaitForExitAsync(cts.Token));
        Assert.Contains("no built-in suite 'nightly'; built in: readiness", wsload.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suite_report_of_a_real_suite_shows_its_verdict_scenarios_and_checks_in_headless_Chromium()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "suite.yaml"), """
            name: report-check
            server: { mode: echo }
            scenarios:
              - name: fine
                passWhen: thresholds
                scenario:
                  target: { url: "${url}" }
                  connections: { count: 10, ramp: linear:1s, hold: 2s }
                  messages: { rate: 2/s }
                  thresholds: ["connect.success == 100%"]
              - name: too strict
                passWhen: thresholds
                after: [ { check: command, run: "exit 1", remedy: "look at the server's log" } ]
                scenario:
                  target: { url: "${url}" }
                  connections: { count: 10, ramp: linear:1s, hold: 2s }
                  messages: { rate: 2/s }
                  thresholds: ["rtt.p99 < 1us"]
              - name: guarded
                before: [ { check: http, url: "http://127.0.0.1:1/health" } ]
                scenario: { target: { url: "${url}" } }
            """);
        var outDirectory = Path.Combine(_folder, "out");
        await using var wsload = WsLoadProcess.Start("suite", Path.Combine(_folder, "suite.yaml"), "--out", outDirectory, "--quiet", "--no-warm-up");
        Assert.True(await wsload.WaitForExitAsync(cts.Token) == ExitCodes.ThresholdsFailed, wsload.ToString());

        using var chromium = new HeadlessChromium();
        var page = new Uri(Path.Combine(outDirectory, "suite.html")).AbsoluteUri; // a page without script: nothing to wait for
        chromium.Driver.Navigate().GoToUrl(page);
        Assert.Equal("NO-GO", chromium.Driver.FindElement(By.CssSelector("h1 .verdict")).Text);
        var rows = chromium.Driver.FindElements(By.XPath("//h2[.='Scenarios']/following-sibling::table[1]//tr[td]"))
            .Select(r => r.FindElements(By.TagName("td")).Select(td => td.Text).ToList()).ToList();
        Assert.StartsWith("fine", rows[0][1], StringComparison.Ordinal);
        Assert.Equal("passed", rows[0][2]);
        Assert.Equal("failed", rows[1][2]);
        Assert.Equal("skipped", rows[2][2]);
        Assert.Contains("before check http failed", rows[2][8], StringComparison.Ordinal);
        var checks = chromium.Driver.FindElements(By.XPath("//h2[.='Environment checks']/following-sibling::table[1]//tr[td]")).Select(r => r.Text).ToList();
        Assert.Contains(checks, c => c.Contains("after: command", StringComparison.Ordinal) && c.Contains("look at the server's log", StringComparison.Ordinal));
        Assert.Empty(chromium.SevereConsoleEntries());

        // The scenario link leads to its own report.
        chromium.Driver.FindElement(By.LinkText("fine")).Click();
        Assert.EndsWith("/report.html", chromium.Driver.Url, StringComparison.Ordinal);
        var screenshot = Path.Combine(Path.GetTempPath(), "wsload-suite-report.png");
        chromium.Driver.Navigate().GoToUrl(page);
        chromium.SaveFullPageScreenshot(screenshot);
        output.WriteLine($"screenshot: {screenshot}");
    }
}
