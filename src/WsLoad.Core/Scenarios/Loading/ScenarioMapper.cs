using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios.Loading;

/// <summary>
/// Maps a YAML document to a <see cref="Scenario"/> by hand, so every problem is reported with its line,
/// column and field path. Absent fields keep the model's defaults; a value that cannot be read is reported
/// and replaced by its default so that the rest of the file is still checked.
/// </summary>
internal static partial class ScenarioMapper
{
    private static readonly string[] RootFields = ["name", "target", "connections", "messages", "thresholds", "network", "serverFaults", "clientFaults", "checkpoints", "serverMetrics"];
    private static readonly string[] TargetFields = ["url", "headers", "query", "subprotocols", "connectTimeout", "tls"];
    private static readonly string[] TlsFields = ["insecure", "caCertificate", "clientCertificate", "clientKey", "clientCertificatePassword", "resume"];

    /// <summary>Stands in for a URL that is missing or unreadable; its error is already reported.</summary>
    private static readonly Uri PlaceholderUrl = new("ws://missing.invalid/");

    public static Scenario Map(LoadContext context, YamlNode root)
    {
        context.Locate("", root.Start);
        var map = FieldMap.Read(context, root, "", RootFields);
        if (map is null)
            return new Scenario { Target = new TargetOptions { Url = PlaceholderUrl } };

        var defaults = new Scenario { Target = new TargetOptions { Url = PlaceholderUrl } };
        map.Require("target", "the WebSocket endpoint, at least target.url");
        var (thresholds, thresholdAborts) = MapThresholds(map);
        return new Scenario
        {
            Name = map.String("name") ?? defaults.Name,
            Target = MapTarget(map),
            Connections = map.Map("connections", ConnectionFields) is { } connections ? MapConnections(connections) : defaults.Connections,
            Messages = map.Map("messages", MessageFields) is { } messages ? MapMessages(messages) : defaults.Messages,
            Network = map.Map("network", NetworkFields) is { } network ? MapNetwork(network) : null,
            Thresholds = thresholds ?? defaults.Thresholds,
            ServerFaults = MapServerFaults(map),
            ClientFaults = MapClientFaults(map),
            Checkpoints = [.. MapCheckpoints(map), .. thresholdAborts],
            ServerMetrics = MapServerMetrics(map),
        };
    }

    private static TargetOptions MapTarget(FieldMap root)
    {
        var map = root.Map("target", TargetFields);
        if (map is null)
            return new TargetOptions { Url = PlaceholderUrl };

        var defaults = new TargetOptions { Url = PlaceholderUrl };
        return new TargetOptions
        {
            Url = MapUrl(map),
            Headers = map.StringMap("headers") ?? defaults.Headers,
            Query = map.StringMap("query") ?? defaults.Query,
            Subprotocols = map.StringList("subprotocols", "[chat]") ?? defaults.Subprotocols,
            ConnectTimeout = map.Duration("connectTimeout") ?? defaults.ConnectTimeout,
            Tls = map.Map("tls", TlsFields) is { } tls ? MapTls(tls) : defaults.Tls,
        };
    }

    private static Uri MapUrl(FieldMap target)
    {
        if (!target.Require("url", "a ws:// or wss:// URL"))
            return PlaceholderUrl;
        var text = target.String("url");
        if (text is null)
            return PlaceholderUrl;
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url))
            return url;
        target.Context.Error(target["url"]!, target.PathOf("url"), $"'{text}' is not a URL; expected ws://host:port/path or wss://host/path");
        return PlaceholderUrl;
    }

    private static TlsOptions MapTls(FieldMap map) => new()
    {
        Insecure = map.Bool("insecure") ?? false,
        CaCertificate = ResolvePath(map, "caCertificate"),
        ClientCertificate = ResolvePath(map, "clientCertificate"),
        ClientKey = ResolvePath(map, "clientKey"),
        ClientCertificatePassword = map.String("clientCertificatePassword"),
        Resume = map.Bool("resume") ?? true,
    };

    // Files named in a scenario are relative to the scenario file, not to wherever wsload was started.
    private static string? ResolvePath(FieldMap map, string key)
    {
        var path = map.String(key);
        if (string.IsNullOrEmpty(path) || map.Context.BaseDirectory is not { } baseDirectory)
            return path;
        return System.IO.Path.GetFullPath(path, baseDirectory);
    }
}
