using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

/// <summary>Each kind of mistake in a scenario file is reported with its exact line, column and field path.</summary>
public class ScenarioLoaderErrorTests
{
    private static IReadOnlyList<ScenarioError> Errors(string text, string fileName = "scenario.yaml") =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(text, fileName)).Errors;

    private static ScenarioError SingleError(string text, string fileName = "scenario.yaml") => Assert.Single(Errors(text, fileName));

    [Fact]
    public void Malformed_yaml_is_one_error_at_the_parser_position()
    {
        var error = SingleError("target:\n  url: ws://h/\nmessages:\n  types: [ { name: a\n");
        Assert.Equal("scenario.yaml", error.File);
        Assert.Equal((5, 1), (error.Line, error.Column));
        Assert.StartsWith("scenario.yaml:5:1: not valid YAML or JSON: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_is_reported_where_it_repeats()
    {
        var error = SingleError("target:\n  url: ws://h/\n  url: ws://g/\n");
        Assert.Equal((3, 3), (error.Line, error.Column));
        Assert.Contains("Duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_names_the_allowed_fields_and_suggests_the_closest()
    {
        var error = SingleError("target:\n  url: ws://h/\nconnections:\n  count: 5\n  ramp: { stratgy: linear }\n");
        Assert.Equal((5, 11), (error.Line, error.Column));
        Assert.Equal("connections.ramp.stratgy", error.Field);
        Assert.Equal(
            "scenario.yaml:5:11: connections.ramp.stratgy: unknown field 'stratgy' (did you mean 'strategy'?); allowed: strategy, duration, steps, plateau, batchSize, interval, growth",
            error.ToString());
    }

    [Fact]
    public void A_message_priority_is_refused_with_why_and_what_to_use_instead()
    {
        // It was parsed and documented, and nothing read it: refused where it stands, not silently ignored.
        var error = SingleError("target:\n  url: ws://h/\nmessages:\n  types:\n    - { name: chat, priority: 2 }\n");
        Assert.Equal((5, 21), (error.Line, error.Column));
        Assert.Equal("messages.types[0].priority", error.Field);
        Assert.Equal(
            "scenario.yaml:5:21: messages.types[0].priority: 'priority' is no longer supported: WsLoad sends each connection's messages on one schedule, "
            + "so there is no queue to reorder; set the mix with 'weight', or run the high-priority traffic as a scenario of its own to measure it apart",
            error.ToString());
    }

    [Fact]
    public void Unknown_field_in_another_case_suggests_the_camel_case_name()
    {
        var error = SingleError("target:\n  url: ws://h/\n  connect_timeout: 5s\n");
        Assert.Equal((3, 3), (error.Line, error.Column));
        Assert.Contains("did you mean 'connectTimeout'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_with_nothing_close_has_no_suggestion()
    {
        var error = SingleError("target:\n  url: ws://h/\nzzz: 1\n");
        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.Equal("unknown field 'zzz'; allowed: name, target, connections, messages, thresholds, network, serverFaults, clientFaults, checkpoints, serverMetrics", error.Message);
    }

    [Fact]
    public void Wrong_type_is_reported_at_the_value()
    {
        var error = SingleError("target:\n  url: ws://h/\nconnections:\n  count: lots\n");
        Assert.Equal((4, 10), (error.Line, error.Column));
        Assert.Equal("connections.count", error.Field);
        Assert.Equal("expected a whole number, got 'lots'", error.Message);
    }

    [Fact]
    public void A_list_where_a_mapping_is_expected_is_a_wrong_type()
    {
        var error = SingleError("target:\n  url: ws://h/\nconnections: [1, 2]\n");
        Assert.Equal((3, 14), (error.Line, error.Column));
        Assert.Equal("connections", error.Field);
        Assert.StartsWith("expected a mapping with fields count, ramp,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_enum_value_lists_the_allowed_values()
    {
        var error = SingleError("target:\n  url: ws://h/\nconnections:\n  ramp: { strategy: expo, duration: 20s }\n");
        Assert.Equal(
            "scenario.yaml:4:21: connections.ramp.strategy: unknown value 'expo'; allowed: linear, exponential, stepped, burst",
            error.ToString());
    }

    [Fact]
    public void Bad_ramp_shorthand_says_what_is_allowed()
    {
        var error = SingleError("target:\n  url: ws://h/\nconnections:\n  ramp: expo:20s\n");
        Assert.Equal((4, 9), (error.Line, error.Column));
        Assert.Equal("connections.ramp", error.Field);
        Assert.Contains("linear:10s, exponential:20s, stepped:5x10s, burst or burst:1000/2s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_url_is_reported_once_at_the_url()
    {
        var error = SingleError("name: x\ntarget:\n  url: http://example.com/\n");
        Assert.Equal((3, 8), (error.Line, error.Column));
        Assert.Equal("target.url", error.Field);
        Assert.Equal("scheme 'http' is not supported; use ws:// or wss://", error.Message);
    }

    [Fact]
    public void Unparseable_url_is_reported_once()
    {
        var error = SingleError("target:\n  url: not a url\n");
        Assert.Equal((2, 8), (error.Line, error.Column));
        Assert.Equal("target.url", error.Field);
        Assert.StartsWith("'not a url' is not a URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_target_is_reported_at_the_start_of_the_file()
    {
        var error = SingleError("name: x\n");
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("target", error.Field);
    }

    [Fact]
    public void Bad_duration_names_the_forms_allowed()
    {
        var error = SingleError("target:\n  url: ws://h/\n  connectTimeout: 10 seconds\n");
        Assert.Equal((3, 19), (error.Line, error.Column));
        Assert.Equal("target.connectTimeout", error.Field);
        Assert.Equal($"expected {ScenarioValues.DurationForms}, got '10 seconds'", error.Message);
    }

    [Fact]
    public void Reply_without_correlation_field_is_reported_at_expect_s_mapping_field()
    {
        var error = SingleError("target:\n  url: ws://h/\nmessages:\n  rate: 1/s\n  expect: reply\n");
        Assert.Equal("messages.correlationField", error.Field);
        // Not written, so placed at the nearest written parent: the messages mapping.
        Assert.Equal((4, 3), (error.Line, error.Column));
        Assert.StartsWith("expect: reply needs correlationField", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_placeholder_is_reported_at_the_template()
    {
        var yaml = "target:\n  url: ws://h/\nmessages:\n  types:\n    - name: order\n      template: '{\"id\":\"{{stamp}}\",\"u\":{{user}}}'\n";
        var error = SingleError(yaml);
        Assert.Equal((6, 17), (error.Line, error.Column));
        Assert.Equal("messages.types[0].template", error.Field);
        Assert.StartsWith("unknown placeholder '{{user}}'; allowed: {{connectionId}}, {{sequence}}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_threshold_is_reported_at_its_list_item()
    {
        var error = SingleError("target:\n  url: ws://h/\nthresholds:\n  - rtt.p99 < 200ms\n  - rtt.p99 < 5%\n");
        Assert.Equal((5, 5), (error.Line, error.Column));
        Assert.Equal("thresholds[1]", error.Field);
        Assert.Contains("a percentage but this metric is a time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_errors_are_collected_in_file_order()
    {
        var yaml = "target:\n  url: ftp://h/\nconnections:\n  count: 0\n  hold: soon\nmessages:\n  expect: maybe\n  colour: red\n";
        var errors = Errors(yaml);
        Assert.Equal(
            ["target.url", "connections.count", "connections.hold", "messages.expect", "messages.colour"],
            errors.Select(e => e.Field));
        Assert.Equal([2, 4, 5, 7, 8], errors.Select(e => e.Line));
    }

    [Fact]
    public void Json_errors_have_line_and_column_too()
    {
        var json = "{\n  \"target\": { \"url\": \"ws://h/\" },\n  \"connections\": { \"count\": \"many\" }\n}\n";
        var error = SingleError(json, "scenario.json");
        Assert.Equal("scenario.json:3:29: connections.count: expected a whole number, got 'many'", error.ToString());
    }

    [Fact]
    public void Malformed_json_is_one_located_error()
    {
        var json = "{\n  \"name\": \"x\"\n  \"target\": { \"url\": \"ws://h/\" }\n}\n";
        var error = SingleError(json, "scenario.json");
        Assert.Equal((3, 3), (error.Line, error.Column));
        Assert.Contains("did not find expected ',' or '}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_an_error()
    {
        var error = SingleError("# nothing here\n");
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wsload-missing-{Guid.NewGuid():N}.yaml");
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.LoadFile(path)).Errors);
        Assert.Equal(path, error.File);
        Assert.Equal(0, error.Line);
    }
}
