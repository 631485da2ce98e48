using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Resources;

/// <summary>
/// Reads the target server's figures from a Prometheus that watches it (<c>serverMetrics</c>): every
/// <see cref="ServerMetricsOptions.Interval"/> it asks each expression as an instant query, and
/// <see cref="Sample"/> turns the latest answers into the second's <see cref="ProcessSample"/>. An answer older than
/// <see cref="MaxAge"/> counts as none, so a Prometheus that stops answering leaves gaps, never stale figures.
/// Threading: one polling loop of its own; <see cref="Sample"/> from the sampling thread.
/// </summary>
internal sealed class PrometheusServerPoller : IDisposable
{
    private const string CpuKey = "cpu";
    private const string MemoryKey = "memory";
    private const string OpenFilesKey = "openFiles";
    private const string ThreadsKey = "threads";
    private const string CoresKey = "cores";
    private const string CustomPrefix = "custom.";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _stop = new();
    private readonly ServerMetricsOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string>? _notice;
    private readonly Dictionary<string, string> _queries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (double Value, long At)> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _told = new(StringComparer.Ordinal);
    private readonly Uri _api;
    private readonly int? _fixedCores;

    private PrometheusServerPoller(ServerMetricsOptions options, TimeProvider time, Action<string>? notice)
    {
        _options = options;
        _time = time;
        _notice = notice;
        _api = new Uri(new Uri(options.Prometheus.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"), "api/v1/query");
        if (!string.IsNullOrEmpty(options.Prometheus.UserInfo))
        {
            // user:password in the URL is HTTP basic auth, as curl and Grafana take it.
            var credentials = Uri.UnescapeDataString(options.Prometheus.UserInfo);
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        Add(CpuKey, options.Cpu);
        Add(MemoryKey, options.Memory);
        Add(OpenFilesKey, options.OpenFiles);
        Add(ThreadsKey, options.Threads);
        if (int.TryParse(options.Cores, NumberStyles.None, CultureInfo.InvariantCulture, out var cores) && cores > 0)
        {
            _fixedCores = cores;
        }
        else
        {
            Add(CoresKey, options.Cores);
        }

        foreach (var (name, query) in options.Custom)
        {
            Add(CustomPrefix + name, query);
        }

        void Add(string key, string? query)
        {
            if (!string.IsNullOrWhiteSpace(query))
            {
                _queries[key] = query;
            }
        }
    }

    /// <summary>How old an answer may be and still count: three polls, at least 5 s.</summary>
    public TimeSpan MaxAge => TimeSpan.FromTicks(Math.Max(3 * _options.Interval.Ticks, TimeSpan.FromSeconds(5).Ticks));

    /// <summary>Starts polling at once; <paramref name="notice"/> hears, once per query, that it failed or had no answer.</summary>
    public static PrometheusServerPoller Start(ServerMetricsOptions options, TimeProvider time, Action<string>? notice)
    {
        var poller = new PrometheusServerPoller(options, time, notice);
        _ = poller.PollAsync();
        return poller;
    }

    /// <summary>The latest answers as the server's sample; null when none of cpu, memory, open files, threads or custom has a fresh one.</summary>
    public ProcessSample? Sample()
    {
        var now = _time.GetTimestamp();
        double? Fresh(string key) =>
            _latest.TryGetValue(key, out var answer) && _time.GetElapsedTime(answer.At, now) <= MaxAge ? answer.Value : null;

        var cpu = Fresh(CpuKey);
        var memory = Fresh(MemoryKey);
        var openFiles = Fresh(OpenFilesKey);
        var threads = Fresh(ThreadsKey);
        var custom = _queries.Keys.Where(k => k.StartsWith(CustomPrefix, StringComparison.Ordinal))
            .Select(k => (Name: k[CustomPrefix.Length..], Value: Fresh(k)))
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Name, p => p.Value!.Value, StringComparer.Ordinal);
        if (cpu is null && memory is null && openFiles is null && threads is null && custom.Count == 0)
        {
            return null;
        }

        var cores = _fixedCores ?? (Fresh(CoresKey) is { } counted && counted >= 1 ? (int)Math.Round(counted) : null);
        return new ProcessSample
        {
            Source = "prometheus",
            CpuPercent = cpu is { } busy ? Math.Round(Math.Max(0, busy) * 100, 1) : null,
            RssBytes = memory is { } bytes ? (long)bytes : null,
            OpenFiles = openFiles is { } files ? (int)files : null,
            Threads = threads is { } count ? (int)count : null,
            Cores = cores,
            Custom = custom.Count == 0 ? null : custom,
        };
    }

    public void Dispose()
    {
        _stop.Cancel();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            await Task.WhenAll(_queries.Select(q => QueryAsync(q.Key, q.Value, token))).ConfigureAwait(false);
            try
            {
                await Task.Delay(_options.Interval, _time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task QueryAsync(string key, string query, CancellationToken token)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri(_api + "?query=" + Uri.EscapeDataString(query)), token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                TellOnce(key, $"serverMetrics.{key}: Prometheus answered {(int)response.StatusCode} {ErrorOf(body)}; that figure stays empty");
                return;
            }

            if (Value(body) is { } value)
            {
                _latest[key] = (value, _time.GetTimestamp());
            }
            else
            {
                TellOnce(key, $"serverMetrics.{key}: the query '{query}' has no answer (no series matches); that figure stays empty until it has");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            if (!token.IsCancellationRequested)
            {
                // The message of an HttpRequestException names host and port, never the user information.
                TellOnce(key, $"serverMetrics.{key}: Prometheus at {_options.Prometheus.Scheme}://{_options.Prometheus.Authority} did not answer ({exception.GetType().Name})");
            }
        }
    }

    private void TellOnce(string key, string message)
    {
        if (_notice is not null && _told.TryAdd(key, true))
        {
            _notice(message);
        }
    }

    /// <summary>An instant query's value: a scalar, or the sum of a vector's samples (a query over several instances); null for none.</summary>
    internal static double? Value(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var data = json.RootElement.GetProperty("data");
        var result = data.GetProperty("result");
        return data.GetProperty("resultType").GetString() switch
        {
            "scalar" => Number(result),
            "vector" when result.GetArrayLength() > 0 => result.EnumerateArray().Sum(sample => Number(sample.GetProperty("value")) ?? 0),
            _ => null,
        };

        static double? Number(JsonElement pair) =>
            double.TryParse(pair[1].GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
    }

    private static string ErrorOf(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) ? $"'{error.GetString()}'" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
