using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenQA.Selenium;
using WsLoad.Cli;
using WsLoad.Reporting.Model;
using WsLoad.Results;
using WsLoad.Tests.Cli;
using WsLoad.Tests.Reporting;
using Xunit.Abstractions;

namespace WsLoad.Tests.Monitoring;

/// <summary>
/// <c>--dashboard</c> as a user sees it: the real CLI runs the demo against its own server, and headless Chromium opens
/// the address it announces on stderr, follows the run second by second, and sees its verdict and report link.
/// </summary>
public sealed partial class DashboardTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsload-dashboard-tests-" + Guid.NewGuid().ToString("N"));

    private static string ArtifactsFolder => Path.Combine(AppContext.BaseDirectory, "artifacts");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_page_follows_a_20_second_run_second_by_second_then_shows_its_verdict_and_links_its_report()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var wsload = WsLoadProcess.Start(
            "demo", "--connections", "200", "--hold", "15s", "--ramp", "linear:5s", "--rate", "2/s", "--no-warm-up",
            "--out", _folder, "--dashboard", "127.0.0.1:0", "--dashboard-linger", "30s");
        var address = await DashboardAddressAsync(wsload, timeout.Token);
        using var chromium = new HeadlessChromium();
        chromium.Driver.Manage().Window.Size = new System.Drawing.Size(1400, 1000); // a laptop's screen: the screenshots are the page's own height
        chromium.Driver.Navigate().GoToUrl(address);

        // Sampled twice a second until the verdict shows: the open-connections figure and the msg/s chart's redraws.
        var openSeen = new List<string>();
        var messageUpdatesSeen = new List<string>();
        var liveShot = false;
        while (chromium.Driver.FindElement(By.TagName("body")).GetAttribute("data-verdict") is null)
        {
            Assert.False(wsload.HasExited, $"wsload ended before the page showed a verdict: {wsload}");
            AddIfChanged(openSeen, chromium.Driver.FindElement(By.Id("open-connections")).Text);
            AddIfChanged(messageUpdatesSeen, Chart(chromium, "messages").GetAttribute("data-updates") ?? "");
            if (!liveShot && int.Parse(Chart(chromium, "connections").GetAttribute("data-points") ?? "0", CultureInfo.InvariantCulture) >= 12)
            {
                chromium.SaveFullPageScreenshot(Path.Combine(ArtifactsFolder, "dashboard-live.png"));
                liveShot = true;
            }

            await Task.Delay(500, timeout.Token);
        }

        output.WriteLine($"open connections seen: {string.Join(", ", openSeen)}; msg/s chart updates seen: {string.Join(", ", messageUpdatesSeen)}");
        Assert.True(openSeen.Count >= 6, $"the open-connections figure changed only {openSeen.Count - 1} times: {string.Join(", ", openSeen)}");
        Assert.True(messageUpdatesSeen.Count >= 6, $"the msg/s chart changed only {messageUpdatesSeen.Count - 1} times: {string.Join(", ", messageUpdatesSeen)}");
        Assert.True(liveShot, "the page never held 12 seconds of the run");

        // The verdict comes with the run's end, before run.json is written; the report link once the reports are.
        var link = WaitFor(chromium, () => chromium.Driver.FindElement(By.Id("report-link")) is { Displayed: true } a ? a : null, timeout.Token);
        var result = await RunResultJson.ReadAsync(Path.Combine(_folder, "run.json"), timeout.Token);
        var verdict = Verdict.Of(result); // the HTML report's own
        Assert.Equal(verdict.Headline, chromium.Driver.FindElement(By.Id("verdict-headline")).Text);
        Assert.Contains($"verdict-{verdict.Kind.ToString().ToLowerInvariant()}", chromium.Driver.FindElement(By.Id("verdict")).GetAttribute("class"), StringComparison.Ordinal);
        using var http = new HttpClient();
        var report = await http.GetStringAsync(new Uri(link.GetAttribute("href")!), timeout.Token);
        Assert.Contains($"data-verdict=\"{verdict.Headline}\"", report, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(_folder, "report.html"), timeout.Token), report);
        Assert.Contains($"peak {ReportFormat.Count(result.Summary.Connections.Peak)} connections", chromium.Driver.FindElement(By.Id("verdict-facts")).Text, StringComparison.Ordinal);
        chromium.SaveFullPageScreenshot(Path.Combine(ArtifactsFolder, "dashboard-end.png"));
        Assert.Empty(chromium.SevereConsoleEntries());
    }

    [Fact]
    public async Task A_page_opened_late_or_reloaded_is_sent_the_run_from_its_start_with_each_worker_apart()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var wsload = WsLoadProcess.Start(
            "demo", "--connections", "50", "--hold", "20s", "--ramp", "linear:2s", "--rate", "1/s", "--no-warm-up", "--workers", "2",
            "--out", _folder, "--report", "none", "--dashboard", "127.0.0.1:0");
        var address = await DashboardAddressAsync(wsload, timeout.Token);
        using var http = new HttpClient();
        var seconds = await PointsAfterAsync(http, address, 8, wsload, timeout.Token);

        using var chromium = new HeadlessChromium();
        chromium.Driver.Navigate().GoToUrl(address);
        var first = PageHolds(chromium, seconds, timeout.Token);
        chromium.Driver.Navigate().Refresh();
        var reloaded = PageHolds(chromium, seconds, timeout.Token);

        Assert.Equal(seconds[0].ToString(CultureInfo.InvariantCulture), first);
        Assert.Equal(first, reloaded);
        Assert.True(seconds[0] <= 1.5, $"the run's first second ends at {seconds[0]} s");
        Assert.Equal("demo", chromium.Driver.FindElement(By.Id("run-name")).Text);
        Assert.True(chromium.Driver.FindElement(By.Id("workers-panel")).Displayed, "no per-worker table with two workers");
        Assert.Equal(2, chromium.Driver.FindElements(By.CssSelector("#workers tbody tr")).Count);
        Assert.Empty(chromium.SevereConsoleEntries());
    }

    [Fact]
    public async Task A_suite_shows_its_scenarios_one_after_another_each_with_its_verdict_and_report()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Directory.CreateDirectory(_folder);
        var suite = Path.Combine(_folder, "suite.yaml");
        await File.WriteAllTextAsync(suite, """
            name: two
            server: { mode: echo }
            scenarios:
              - name: first
                scenario:
                  target: { url: "${url}" }
                  connections: { count: 10, ramp: linear:1s, hold: 2s }
                  messages: { rate: 2/s }
              - name: second
                scenario:
                  target: { url: "${url}" }
                  connections: { count: 10, ramp: linear:1s, hold: 2s }
                  messages: { rate: 2/s }
            """, timeout.Token);
        await using var wsload = WsLoadProcess.Start(
            "suite", suite, "--out", Path.Combine(_folder, "out"), "--no-warm-up", "--dashboard", "127.0.0.1:0", "--dashboard-linger", "30s");
        var address = await DashboardAddressAsync(wsload, timeout.Token);
        while (!wsload.StandardError.Contains("(--dashboard-linger)", StringComparison.Ordinal))
        {
            Assert.False(wsload.HasExited, $"wsload ended before lingering: {wsload}");
            await Task.Delay(250, timeout.Token);
        }

        using var http = new HttpClient();
        using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri(address, "state"), timeout.Token));
        var run = state.RootElement.GetProperty("run");
        Assert.Equal((2, "second"), (run.GetProperty("number").GetInt32(), run.GetProperty("name").GetString()));
        var earlier = Assert.Single(run.GetProperty("earlier").EnumerateArray());
        Assert.Equal(("first", "report/1"), (earlier.GetProperty("name").GetString(), earlier.GetProperty("report").GetString()));
        Assert.False(string.IsNullOrEmpty(earlier.GetProperty("verdict").GetString()), "the first scenario's verdict is missing");
        Assert.Equal("report/2", state.RootElement.GetProperty("report").GetProperty("url").GetString());
        Assert.Contains("<html", await http.GetStringAsync(new Uri(address, "report/1"), timeout.Token), StringComparison.Ordinal);
        Assert.True(state.RootElement.GetProperty("points").GetArrayLength() > 0, "the second scenario has no seconds");
    }

    [Fact]
    public async Task A_dashboard_on_an_address_other_than_loopback_is_refused_without_allow_remote_monitoring()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var wsload = WsLoadProcess.Start(
            "demo", "--connections", "10", "--hold", "2s", "--no-warm-up", "--out", _folder, "--dashboard", "0.0.0.0:0");

        Assert.Equal(ExitCodes.UsageError, await wsload.WaitForExitAsync(timeout.Token));
        Assert.Contains("--dashboard 0.0.0.0:0 is not a loopback address", wsload.StandardError, StringComparison.Ordinal);
        Assert.Contains("--allow-remote-monitoring", wsload.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "run.json")), "the run started although its dashboard was refused");
    }

    private static IWebElement Chart(HeadlessChromium chromium, string id) => chromium.Driver.FindElement(By.CssSelector($"figure[data-chart=\"{id}\"]"));

    private static void AddIfChanged(List<string> seen, string value)
    {
        if (seen.Count == 0 || seen[^1] != value)
        {
            seen.Add(value);
        }
    }

    /// <summary>Waits until the page has drawn at least the seconds <paramref name="seconds"/> lists; returns its first second.</summary>
    private static string PageHolds(HeadlessChromium chromium, IReadOnlyList<double> seconds, CancellationToken cancellationToken) => WaitFor(
        chromium,
        () => int.Parse(Chart(chromium, "connections").GetAttribute("data-points") ?? "0", CultureInfo.InvariantCulture) >= seconds.Count
            ? chromium.Driver.FindElement(By.TagName("body")).GetAttribute("data-from")
            : null,
        cancellationToken);

    private static T WaitFor<T>(HeadlessChromium chromium, Func<T?> probe, CancellationToken cancellationToken)
        where T : class
    {
        var wait = new OpenQA.Selenium.Support.UI.WebDriverWait(chromium.Driver, TimeSpan.FromSeconds(30));
        return wait.Until(_ =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return probe();
        });
    }

    /// <summary>The seconds /state holds once it holds at least <paramref name="count"/> of them (the page is opened that late).</summary>
    private static async Task<IReadOnlyList<double>> PointsAfterAsync(HttpClient http, Uri address, int count, WsLoadProcess wsload, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var state = JsonDocument.Parse(await http.GetStringAsync(new Uri(address, "state"), cancellationToken));
            var seconds = state.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("t").GetDouble()).ToList();
            if (seconds.Count >= count)
            {
                return seconds;
            }

            Assert.False(wsload.HasExited, $"wsload ended before {count} seconds: {wsload}");
            await Task.Delay(250, cancellationToken);
        }
    }

    /// <summary>The address the run announces on stderr (<c>wsload: dashboard: http://127.0.0.1:PORT/</c>).</summary>
    private static async Task<Uri> DashboardAddressAsync(WsLoadProcess wsload, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (AnnouncedAddress().Match(wsload.StandardError) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }

            Assert.False(wsload.HasExited, $"wsload ended without announcing its dashboard: {wsload}");
            await Task.Delay(100, cancellationToken);
        }
    }

    [GeneratedRegex(@"wsload: dashboard: (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex AnnouncedAddress();
}
