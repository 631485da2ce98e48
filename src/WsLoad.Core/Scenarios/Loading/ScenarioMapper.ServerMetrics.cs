namespace WsLoad.Scenarios.Loading;

internal static partial class ScenarioMapper
{
    private static readonly string[] ServerMetricsFields = ["prometheus", "cpu", "memory", "openFiles", "threads", "cores", "custom", "interval"];

    /// <summary>The <c>serverMetrics</c> section, or null when the scenario has none.</summary>
    private static ServerMetricsOptions? MapServerMetrics(FieldMap root)
    {
        if (root.Map("serverMetrics", ServerMetricsFields) is not { } map)
            return null;
        map.Require("prometheus", "the Prometheus HTTP API's base URL, e.g. http://127.0.0.1:9090");
        var text = map.String("prometheus");
        Uri? url = null;
        if (text is not null && (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            // The URL may carry a password: the error names the field, not the value.
            map.Context.Error(map["prometheus"]!, map.PathOf("prometheus"), "not an http:// or https:// URL; expected the Prometheus HTTP API's base, e.g. http://127.0.0.1:9090");
            url = null;
        }

        var options = new ServerMetricsOptions
        {
            Prometheus = url ?? new Uri("http://missing.invalid/"),
            Cpu = map.String("cpu"),
            Memory = map.String("memory"),
            OpenFiles = map.String("openFiles"),
            Threads = map.String("threads"),
            Cores = map.String("cores"),
            Custom = map.StringMap("custom") ?? new Dictionary<string, string>(StringComparer.Ordinal),
            Interval = map.Duration("interval") ?? TimeSpan.FromSeconds(1),
        };
        if (text is not null && options is { Cpu: null, Memory: null, OpenFiles: null, Threads: null, Custom.Count: 0 })
        {
            map.Context.Error(map["prometheus"]!, map.PathOf("prometheus"),
                "serverMetrics asks for nothing: add at least one of cpu, memory, openFiles, threads or custom, e.g. cpu: 'sum(rate(process_cpu_seconds_total{job=\"chat\"}[30s]))'");
        }

        return options;
    }
}
