using System.Reflection;
using System.Text.Json.Nodes;
using WsLoad.Scenarios;
using WsLoad.Scenarios.Loading;

namespace WsLoad.Tests.Acceptance;

/// <summary>
/// schema/scenario.schema.json says what the loader says: the same fields in every mapping, the same enum values, and
/// the same verdict on the value forms (durations, rates, sizes, shares, shorthands), each checked on both sides.
/// </summary>
public sealed class ScenarioSchemaAgreementTests
{
    // Each field list of ScenarioMapper and the schema definition whose properties must be exactly those fields.
    private static readonly Dictionary<string, string> FieldLists = new(StringComparer.Ordinal)
    {
        ["RootFields"] = "",
        ["TargetFields"] = "target",
        ["TlsFields"] = "tls",
        ["ConnectionFields"] = "connections",
        ["RampFields"] = "rampMapping",
        ["ArrivalFields"] = "arrival",
        ["ReconnectFields"] = "reconnectMapping",
        ["MessageFields"] = "messages",
        ["PushFields"] = "push",
        ["BroadcastFields"] = "broadcast",
        ["TypeFields"] = "messageType",
        ["BurstFields"] = "burst",
        ["RetryFields"] = "retryMapping",
        ["NetworkFields"] = "network",
        ["ToxicFields"] = "toxic",
        ["ServerFaultFields"] = "serverFaults",
        ["ServerFaultStepFields"] = "serverFaultStep",
        ["ClientFaultStepFields"] = "clientFaultStep",
        ["CheckpointFields"] = "checkpoint",
        ["ThresholdFields"] = "threshold",
        ["ServerMetricsFields"] = "serverMetrics",
    };

    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(RepositoryPaths.ScenarioSchema))!;

    [Fact]
    public void Every_mapping_of_the_schema_has_exactly_the_fields_the_loader_allows()
    {
        var lists = typeof(ScenarioMapper).GetFields(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string[]) && f.Name.EndsWith("Fields", StringComparison.Ordinal))
            .ToDictionary(f => f.Name, f => (string[])f.GetValue(null)!);
        Assert.Equal(FieldLists.Keys.Order(), lists.Keys.Order());

        foreach (var (list, definition) in FieldLists)
        {
            Assert.Equal(lists[list].Order(), PropertyNames(definition).Order());
        }

        Assert.Equal(ServerFaultPlanFields.Names.Order(), PropertyNames("faultPlan").Order());
    }

    [Fact]
    public void Every_enum_of_the_schema_has_the_values_the_loader_reads()
    {
        Assert.Equal(NodeReader.EnumNames<RampStrategy>(), EnumValues("rampMapping", "strategy"));
        Assert.Equal(NodeReader.EnumNames<ReconnectPolicy>(), EnumValues("reconnectMapping", "policy"));
        Assert.Equal(NodeReader.EnumNames<ExpectMode>(), EnumValues("messages", "expect"));
        Assert.Equal(NodeReader.EnumNames<MessageRecovery>(), EnumValues("messages", "recovery"));
        Assert.Equal(NodeReader.EnumNames<PayloadFormat>(), EnumValues("messageType", "format"));
        Assert.Equal(NodeReader.EnumNames<NetworkToxicType>(), EnumValues("toxic", "type"));
        Assert.Equal(NodeReader.EnumNames<NetworkDirection>(), EnumValues("toxic", "direction"));

        var actions = EnumValues("checkpoint", "action");
        Assert.Subset(actions.ToHashSet(), CheckpointOptions.ActionNames.ToHashSet());
        Assert.All(actions, a => Assert.True(CheckpointOptions.TryParseAction(a, out _), $"the loader refuses action '{a}'"));
    }

    [Theory]
    [InlineData("connections: { hold: 1m30s }", true)]
    [InlineData("connections: { hold: 1.5 }", true)]
    [InlineData("connections: { hold: 250us }", true)]
    [InlineData("connections: { hold: '10 s' }", false)]
    [InlineData("connections: { hold: -1 }", false)]
    [InlineData("connections: { hold: 10x }", false)]
    [InlineData("connections: { hold: }", true)]
    [InlineData("connections: { count: '100' }", true)]
    [InlineData("connections: { count: 0 }", false)]
    [InlineData("connections:\n  ramp: stepped:5x10s", true)]
    [InlineData("connections:\n  ramp: burst:1000/2s", true)]
    [InlineData("connections:\n  ramp: Linear:10s", true)]
    [InlineData("connections:\n  ramp: linear:5x10s", false)]
    [InlineData("connections:\n  ramp: 10s", false)]
    [InlineData("connections:\n  reconnect: exponential:100ms..5s", true)]
    [InlineData("connections:\n  reconnect: fixed:500ms", true)]
    [InlineData("connections:\n  reconnect: immediate:1s", false)]
    [InlineData("connections:\n  reconnect: fixed:1s..2s", false)]
    [InlineData("connections:\n  reconnect: { delay: 200ms, jitter: 50% }", true)]
    [InlineData("messages: { rate: 60/m }", true)]
    [InlineData("messages: { rate: 0.5/s }", true)]
    [InlineData("messages: { rate: 2/hour }", true)]
    [InlineData("messages: { rate: 3 }", true)]
    [InlineData("messages: { rate: 5/day }", false)]
    [InlineData("messages: { types: [ { size: 64-1024 } ] }", true)]
    [InlineData("messages: { types: [ { size: 2kb } ] }", true)]
    [InlineData("messages: { types: [ { size: [64, 1kb] } ] }", true)]
    [InlineData("messages: { types: [ { size: '[64,128]' } ] }", true)]
    [InlineData("messages: { types: [ { size: 2gb } ] }", false)]
    [InlineData("messages: { types: [ { size: 1.5 } ] }", false)]
    [InlineData("messages: { types: [ { name: chat, priority: 1 } ] }", false)]
    [InlineData("messages:\n  retry: 500ms", true)]
    [InlineData("messages:\n  retry: none", true)]
    [InlineData("messages:\n  retry: None", false)]
    [InlineData("messages:\n  retry: { backoff: 2 }", false)]
    [InlineData("messages:\n  expect: broadcast\n  broadcast: { publishers: 5% }", true)]
    [InlineData("messages:\n  expect: broadcast\n  broadcast: { publishers: 10 }", true)]
    [InlineData("messages:\n  expect: broadcast\n  broadcast: { publishers: ten }", false)]
    [InlineData("network:\n  toxics:\n    - { type: bandwidth, rate: 512kb/s }", true)]
    [InlineData("network:\n  toxics:\n    - { type: bandwidth, rate: 1gb }", false)]
    [InlineData("network:\n  toxics:\n    - { type: reset, every: 30s, random: TRUE }", true)]
    [InlineData("network:\n  toxics:\n    - { type: reset, every: 30s, random: yes }", false)]
    [InlineData("network:\n  toxics:\n    - { latency: 50ms }", false)]
    [InlineData("clientFaults: [ { at: 10s, drop: 10% } ]", true)]
    [InlineData("clientFaults: [ { at: 10s, drop: 0.1 } ]", true)]
    [InlineData("clientFaults: [ { at: 10s, drop: 150% } ]", false)]
    [InlineData("clientFaults: [ { at: 10s, drop: 2 } ]", false)]
    [InlineData("clientFaults: [ { at: 10s, slowReader: 20% } ]", false)]
    [InlineData("clientFaults: [ { at: 10s, drop: 10%, pause: 5s } ]", false)]
    [InlineData("clientFaults: [ { at: 10s, oversized: 2, size: 20mb } ]", true)]
    [InlineData("serverFaults:\n  at:\n    - at: 10s\n      set:\n        replyDelay: normal:50ms/10ms\n        closeCode: 4000", true)]
    [InlineData("serverFaults:\n  at:\n    - at: 10s\n      set:\n        replyDelay: slow", false)]
    [InlineData("serverFaults:\n  at:\n    - at: 10s\n      set:\n        closeCode: 1006", false)]
    [InlineData("serverFaults:\n  at:\n    - { at: 10s, set: { retryDelay: 5ms } }", false)]
    [InlineData("serverFaults:\n  at:\n    - { at: 10s, stall: 2s, clear: true }", false)]
    [InlineData("checkpoints:\n  - { when: 'connections.dropped > 100', action: ramp-down }", false)]
    [InlineData("checkpoints:\n  - { when: 'connections.dropped > 100', action: abort, close: 50% }", false)]
    [InlineData("checkpoints:\n  - { when: 'rtt.p99 >', action: abort }", false)]
    [InlineData("name: 2024", true)]
    [InlineData("target: { url: ws://127.0.0.1:8080/ws, headers: { X-Version: 2 } }", true)]
    [InlineData("target: { url: http://127.0.0.1:8080/ws }", false)]
    public void The_schema_and_the_loader_agree_on_a_value(string yaml, bool valid)
    {
        var document = yaml.StartsWith("target:", StringComparison.Ordinal) ? yaml : "target: { url: ws://127.0.0.1:8080/ws }\n" + yaml;

        var schemaErrors = ConfigSchemas.ValidateScenario(document);
        var loaderError = Record.Exception(() => ScenarioLoader.Parse(document));

        Assert.True(valid == (loaderError is null), $"loader: {loaderError?.Message ?? "valid"}");
        Assert.True(valid == (schemaErrors.Count == 0), $"schema: {(schemaErrors.Count == 0 ? "valid" : string.Join("; ", schemaErrors))}");
    }

    private static IEnumerable<string> PropertyNames(string definition)
    {
        var node = definition.Length == 0 ? Schema : Schema["$defs"]![definition]!;
        return node["properties"]!.AsObject().Select(p => p.Key);
    }

    private static List<string> EnumValues(string definition, string property) =>
        [.. Schema["$defs"]![definition]!["properties"]![property]!["enum"]!.AsArray().OfType<JsonNode>().Select(v => v.GetValue<string>())];
}
