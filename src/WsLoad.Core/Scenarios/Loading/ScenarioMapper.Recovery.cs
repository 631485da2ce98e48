using YamlDotNet.RepresentationModel;

namespace WsLoad.Scenarios.Loading;

/// <summary>Recovery settings: <c>connections.reconnect</c>, <c>messages.recovery</c> and <c>messages.retry</c>.</summary>
internal static partial class ScenarioMapper
{
    private static readonly string[] ReconnectFields = ["policy", "delay", "maxDelay", "jitter", "maxAttempts", "maxConcurrent"];
    private static readonly string[] RetryFields = ["after", "backoff", "maxRetries"];

    // A reconnect policy is either the CLI shorthand ("exponential:100ms..5s") or a mapping of its settings.
    private static ReconnectOptions MapReconnect(LoadContext context, YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            if (ScenarioValues.TryParseReconnect(text, out var shorthand))
                return shorthand;
            context.Error(node, path, $"'{text}' is not a reconnect policy; write {ScenarioValues.ReconnectForms}, or a mapping with fields {string.Join(", ", ReconnectFields)}");
            return ReconnectOptions.None;
        }

        var map = FieldMap.Read(context, node, path, ReconnectFields);
        if (map is null)
            return ReconnectOptions.None;
        var defaults = new ReconnectOptions();
        return new ReconnectOptions
        {
            Policy = map.Enum<ReconnectPolicy>("policy") ?? (map["policy"] is null ? ReconnectPolicy.Exponential : defaults.Policy),
            Delay = map.Duration("delay") ?? defaults.Delay,
            MaxDelay = map.Duration("maxDelay") ?? defaults.MaxDelay,
            Jitter = map["jitter"] is { } jitter
                ? NodeReader.Scalar<double>(context, jitter, map.PathOf("jitter"), ScenarioValues.TryParseJitter, ScenarioValues.JitterForms) ?? defaults.Jitter
                : defaults.Jitter,
            MaxAttempts = map.Int("maxAttempts") ?? defaults.MaxAttempts,
            MaxConcurrent = map.Int("maxConcurrent") ?? defaults.MaxConcurrent,
        };
    }

    // A retry is either a duration ("500ms": the first wait, other settings default) or a mapping of its settings.
    private static RetryOptions MapRetry(LoadContext context, YamlNode node, string path)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            if (ScenarioValues.TryParseRetry(text, out var shorthand))
                return shorthand;
            context.Error(node, path, $"'{text}' is not a retry setting; write {ScenarioValues.RetryForms}, or a mapping with fields {string.Join(", ", RetryFields)}");
            return RetryOptions.None;
        }

        var map = FieldMap.Read(context, node, path, RetryFields);
        if (map is null)
            return RetryOptions.None;
        map.Require("after", "how long to wait for an answer before the first retry, e.g. 500ms");
        var defaults = new RetryOptions();
        return new RetryOptions
        {
            After = map.Duration("after") ?? defaults.After,
            Backoff = map.Number("backoff") ?? defaults.Backoff,
            MaxRetries = map.Int("maxRetries") ?? defaults.MaxRetries,
        };
    }
}
