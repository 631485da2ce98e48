using WsLoad.Thresholds;

namespace WsLoad.Scenarios;

/// <summary>
/// Checks a whole scenario (built in code or loaded) before any socket is opened. Each error names the field's
/// dotted path (<c>messages.types[1].size</c>) and what is allowed; <see cref="ScenarioError.Line"/> is 0
/// (the loader places the errors it gets from here at the line and column the field was written).
/// </summary>
public static partial class ScenarioValidator
{
    public static IReadOnlyList<ScenarioError> Validate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var errors = new List<ScenarioError>();
        if (string.IsNullOrWhiteSpace(scenario.Name))
            Add(errors, "name", "must not be empty; it names the reports and result files");
        ValidateTarget(errors, scenario.Target);
        ValidateConnections(errors, scenario.Connections);
        ValidateMessages(errors, scenario.Messages);
        ValidateBroadcastStamps(errors, scenario);
        ValidateServerFaults(errors, scenario.ServerFaults);
        ValidateClientFaults(errors, scenario.ClientFaults);
        ValidateNetwork(errors, scenario.Network);
        ValidateReconnect(errors, scenario.Connections.Reconnect);
        ValidateRecovery(errors, scenario);
        ValidateRetry(errors, scenario.Messages);
        ValidateCheckpoints(errors, scenario.Checkpoints);
        for (var i = 0; i < scenario.Thresholds.Count; i++)
        {
            if (!ThresholdExpression.TryParse(scenario.Thresholds[i], out _, out var error))
                Add(errors, $"thresholds[{i}]", error);
        }

        return errors;
    }

    private static void Add(List<ScenarioError> errors, string field, string message) =>
        errors.Add(new ScenarioError { Field = field, Message = message });

    private static void ValidateTarget(List<ScenarioError> errors, TargetOptions target)
    {
        var url = target.Url;
        if (url is null || !url.IsAbsoluteUri)
            Add(errors, "target.url", "expected an absolute ws:// or wss:// URL");
        else if (url.Scheme is not ("ws" or "wss"))
            Add(errors, "target.url", $"scheme '{url.Scheme}' is not supported; use ws:// or wss://");
        else if (string.IsNullOrEmpty(url.Host))
            Add(errors, "target.url", "the URL has no host; expected ws://host:port/path");
        else if (!UrlTemplate.TryParse(url, out _, out var templateError))
            Add(errors, "target.url", templateError!);

        if (target.ConnectTimeout <= TimeSpan.Zero)
            Add(errors, "target.connectTimeout", "must be greater than zero, e.g. 10s");
        foreach (var (name, value) in target.Headers)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c == ':'))
                Add(errors, $"target.headers.{name}", "not a valid header name (no spaces, colons or control characters)");
            else if (value.Any(c => c is '\r' or '\n'))
                Add(errors, $"target.headers.{name}", "a header value must not contain line breaks");
        }

        for (var i = 0; i < target.Subprotocols.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(target.Subprotocols[i]) || target.Subprotocols[i].Any(c => c <= ' ' || c == ','))
                Add(errors, $"target.subprotocols[{i}]", "a subprotocol is one token without spaces or commas");
        }

        CheckFileExists(errors, "target.tls.caCertificate", target.Tls.CaCertificate);
        CheckFileExists(errors, "target.tls.clientCertificate", target.Tls.ClientCertificate);
        if (target.Tls.ClientKey is { } key)
        {
            if (target.Tls.ClientCertificate is not { } certificate)
                Add(errors, "target.tls.clientKey", "a client key needs target.tls.clientCertificate (a PEM certificate)");
            else if (!IsPkcs12(certificate))
                CheckFileExists(errors, "target.tls.clientKey", key);
        }
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);

    private static void CheckFileExists(List<ScenarioError> errors, string field, string? path)
    {
        if (path is not null && !File.Exists(path))
            Add(errors, field, $"file not found: {path}");
    }

    private static void ValidateConnections(List<ScenarioError> errors, ConnectionOptions connections)
    {
        if (connections.Count < 1)
            Add(errors, "connections.count", "must be at least 1");
        NonNegative(errors, "connections.hold", connections.Hold);
        NonNegative(errors, "connections.rampDown", connections.RampDown);
        if (connections.MaxConcurrentConnects < 1)
            Add(errors, "connections.maxConcurrentConnects", "must be at least 1");
        if (connections.Arrival is { } arrival)
            ValidateArrival(errors, arrival);
        else
            ValidateRamp(errors, connections.Ramp);

        var expanded = 0;
        for (var i = 0; i < connections.SourceAddresses.Count; i++)
        {
            if (SourceAddressList.TryParse(connections.SourceAddresses[i], out var addresses, out var error))
                expanded += addresses.Length;
            else
                Add(errors, $"connections.sourceAddresses[{i}]", error);
        }

        if (expanded > SourceAddressList.MaxAddresses)
            Add(errors, "connections.sourceAddresses", $"expands to {expanded:N0} addresses, more than {SourceAddressList.MaxAddresses:N0}");
    }

    private static void NonNegative(List<ScenarioError> errors, string field, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
            Add(errors, field, "must not be negative");
    }

    private static void Positive(List<ScenarioError> errors, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            Add(errors, field, "must be greater than zero");
    }
}
