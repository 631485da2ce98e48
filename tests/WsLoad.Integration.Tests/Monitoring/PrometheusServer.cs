using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace WsLoad.Tests.Monitoring;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) on loopback for a test: it writes the config it is given
/// to a temporary folder, starts <c>prometheus</c> on a free port with its own storage there, waits until it is
/// ready, answers instant queries through the HTTP API, and is stopped (by its own process id) and its folder
/// removed when disposed, pass or fail.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private const string Program = "/usr/bin/prometheus";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly string _folder;

    private PrometheusServer(Process process, string folder, Uri address)
    {
        _process = process;
        _folder = folder;
        Address = address;
    }

    /// <summary>Its base URL, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Its remote-write receiver, when started with <c>--web.enable-remote-write-receiver</c>.</summary>
    public Uri RemoteWriteUrl => new(Address, "api/v1/write");

    public static bool IsInstalled => File.Exists(Program);

    /// <summary>
    /// Starts Prometheus with <paramref name="configYaml"/> as its whole configuration and
    /// <paramref name="extraFlags"/> (such as <c>--web.enable-remote-write-receiver</c>), on <paramref name="port"/>
    /// (a free one when null).
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(string configYaml, IEnumerable<string>? extraFlags = null, int? port = null, CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{Program} is not installed: scripts/test.sh installs Debian's prometheus package");
        }

        var folder = Directory.CreateTempSubdirectory("wsload-prometheus-").FullName;
        var config = Path.Combine(folder, "prometheus.yml");
        await File.WriteAllTextAsync(config, configYaml, cancellationToken);
        port ??= FreePort();
        var start = new ProcessStartInfo(Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + config,
            "--storage.tsdb.path=" + Path.Combine(folder, "data"),
            "--web.listen-address=127.0.0.1:" + port.Value.ToString(CultureInfo.InvariantCulture),
            "--log.level=warn",
        }.Concat(extraFlags ?? []))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("prometheus did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A free TCP port on loopback now (the OS may hand it out again later, which a test can live with).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The instant query's result as (labels, value) pairs; empty when nothing matches. Throws when Prometheus says
    /// the query failed.
    /// </summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string promQl, CancellationToken cancellationToken = default)
    {
        var url = new Uri(Address, "api/v1/query?query=" + Uri.EscapeDataString(promQl));
        using var response = await Http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (root.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"prometheus query '{promQl}' failed: {body}");
        }

        var results = new List<(IReadOnlyDictionary<string, string>, double)>();
        foreach (var item in root.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            var value = double.Parse(item.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            results.Add((labels, value));
        }

        return results;
    }

    /// <summary>The query's single value, or null when nothing matches.</summary>
    public async Task<double?> QueryScalarAsync(string promQl, CancellationToken cancellationToken = default)
    {
        var results = await QueryAsync(promQl, cancellationToken);
        return results.Count == 0 ? null : results.Sum(r => r.Value);
    }

    /// <summary>Waits (bounded by <paramref name="timeout"/>) until the query has a value that satisfies <paramref name="condition"/>; returns the last value.</summary>
    public async Task<double?> WaitForAsync(string promQl, Func<double, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.StartNew();
        double? last = null;
        while (deadline.Elapsed < timeout)
        {
            last = await QueryScalarAsync(promQl, cancellationToken);
            if (last is { } value && condition(value))
            {
                return last;
            }

            await Task.Delay(500, cancellationToken);
        }

        return last;
    }

    /// <summary>The scrape targets' health as Prometheus reports it (<c>up</c>, <c>down</c>, <c>unknown</c>) with its last error.</summary>
    public async Task<IReadOnlyList<(string ScrapeUrl, string Health, string LastError)>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Http.GetAsync(new Uri(Address, "api/v1/targets"), cancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return [.. json.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t => (
            t.GetProperty("scrapeUrl").GetString() ?? "",
            t.GetProperty("health").GetString() ?? "",
            t.GetProperty("lastError").GetString() ?? ""))];
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode} before it was ready");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri(Address, "-/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException("prometheus was not ready within 30 s");
    }
}
