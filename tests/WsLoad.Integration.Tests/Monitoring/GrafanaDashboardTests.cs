using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WsLoad.Tests.Acceptance;
using WsLoad.Tests.Cli;

namespace WsLoad.Tests.Monitoring;

/// <summary>
/// examples/grafana/wsload-dashboard.json against a real Prometheus scraping a real run and a real <c>wsload serve</c>:
/// every variable's query finds its values and every panel's expression returns data.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private const string RateInterval = "10s"; // Grafana's $__rate_interval at a 1 s scrape interval is at least 4 scrapes

    [Fact]
    public async Task Every_expression_of_the_dashboard_returns_data_while_a_run_loads_a_faulty_wsload_serve()
    {
        var dashboard = await LoadDashboardAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var serverPort = PrometheusServer.FreePort();
        var metricsPort = PrometheusServer.FreePort();

        // The server closes each connection after 15 messages (errors by class, drops); the run reconnects (connects in the hold).
        await using var serve = WsLoadProcess.Start("serve", "--port", serverPort.ToString(CultureInfo.InvariantCulture), "--close-after-messages", "15");
        var url = (await serve.ReadLineAsync(timeout.Token)).Replace("listening ", "", StringComparison.Ordinal);
        await using var prometheus = await PrometheusServer.StartAsync(
            ScrapeConfig.EverySecond(("wsload", metricsPort), ("wsload-server", serverPort)), cancellationToken: timeout.Token);
        var folder = Directory.CreateTempSubdirectory("wsload-dashboard-").FullName;
        try
        {
            await using var run = WsLoadProcess.Start(
                "run", "--url", url, "--server-pid", serve.Id.ToString(CultureInfo.InvariantCulture), "--connections", "40", "--ramp", "linear:2s",
                "--hold", "16s", "--rate", "2/s", "--reconnect", "immediate", "--no-warm-up", "--quiet", "--report", "none", "--out", folder,
                "--metrics", $"127.0.0.1:{metricsPort}");

            // The first closes come about 8 s in; from then on every panel has something to show while the run goes on.
            var errors = await prometheus.WaitForAsync($"sum(rate(wsload_errors_total[{RateInterval}]))", v => v > 0, TimeSpan.FromSeconds(40), timeout.Token);
            Assert.True(errors > 0, $"no errors scraped; {run}");
            var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["__rate_interval"] = RateInterval };
            foreach (var (name, query) in dashboard.Variables)
            {
                var values = await VariableValuesAsync(prometheus, query, timeout.Token);
                Assert.True(values.Count > 0, $"variable {name} ({query}) has no values");
                variables[name] = string.Join('|', values.Select(Regex.Escape));
            }

            var empty = new List<string>();
            foreach (var (panel, expression) in dashboard.Expressions)
            {
                var promQl = VariableReference().Replace(expression, m => variables[m.Groups["name"].Value]);
                if ((await prometheus.QueryAsync(promQl, timeout.Token)).Count == 0)
                {
                    empty.Add($"{panel}: {promQl}");
                }
            }

            Assert.True(empty.Count == 0, "expressions without data:\n" + string.Join('\n', empty));
            await run.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_dashboard_is_a_grafana_dashboard_on_a_prometheus_datasource_variable()
    {
        var dashboard = await LoadDashboardAsync();

        Assert.InRange(dashboard.Root.GetProperty("schemaVersion").GetInt32(), 36, 41);
        var datasource = dashboard.Root.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "datasource");
        Assert.Equal("prometheus", datasource.GetProperty("query").GetString());
        Assert.Contains(dashboard.Variables, v => v.Name == "scenario");
        Assert.All(dashboard.Root.GetProperty("panels").EnumerateArray(), panel =>
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.True(dashboard.Expressions.Count >= 14, $"{dashboard.Expressions.Count} expressions");
    }

    // label_values(METRIC, LABEL), as Grafana's Prometheus variables write it, asked of Prometheus as a grouping.
    private static async Task<IReadOnlyList<string>> VariableValuesAsync(PrometheusServer prometheus, string query, CancellationToken cancellationToken)
    {
        var match = LabelValues().Match(query);
        Assert.True(match.Success, $"a variable query the test cannot translate: {query}");
        var series = await prometheus.QueryAsync($"group by ({match.Groups["label"].Value}) ({match.Groups["metric"].Value})", cancellationToken);
        return [.. series.Select(s => s.Labels[match.Groups["label"].Value]).Distinct()];
    }

    private static async Task<Dashboard> LoadDashboardAsync()
    {
        var path = Path.Combine(RepositoryPaths.Examples, "grafana", "wsload-dashboard.json");
        var document = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        var root = document.RootElement;
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => (v.GetProperty("name").GetString()!, v.GetProperty("definition").GetString()!))
            .ToList();
        var expressions = root.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(t => (panel.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))
            .ToList();
        return new Dashboard(root, variables, expressions);
    }

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_]+)\}?")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^label_values\((?<metric>[a-z_:]+),\s*(?<label>[a-z_]+)\)$")]
    private static partial Regex LabelValues();

    private sealed record Dashboard(JsonElement Root, IReadOnlyList<(string Name, string Query)> Variables, IReadOnlyList<(string Panel, string Expression)> Expressions);
}
