using WsLoad.Scenarios;

namespace WsLoad.Tests.Acceptance;

/// <summary>
/// schema/scenario.schema.json and schema/suite.schema.json: every example validates, names the schema on its first
/// line (for the YAML extension of an editor) and still loads; broken documents do not validate.
/// </summary>
public sealed class ScenarioSchemaTests
{
    private const string Modeline = "# yaml-language-server: $schema=";

    private const string Target = "target: { url: ws://127.0.0.1:8080/ws }\n";

    /// <summary>Every scenario YAML of examples/ and examples/templates/, relative to examples/.</summary>
    public static TheoryData<string> Examples() => new(ExampleFiles());

    private static List<string> ExampleFiles() =>
        [.. new[] { "", "templates" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(RepositoryPaths.Examples, folder), "*.yaml"))
            .Select(path => Path.GetRelativePath(RepositoryPaths.Examples, path))
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_examples_include_the_top_folder_and_the_templates()
    {
        var examples = ExampleFiles();

        Assert.Contains("echo-basic.yaml", examples);
        Assert.Contains(Path.Combine("templates", "cascade.yaml"), examples);
        Assert.True(examples.Count >= 15, $"only {examples.Count} examples found");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_validates_against_the_scenario_schema(string example)
    {
        var errors = ConfigSchemas.ValidateScenario(File.ReadAllText(Path.Combine(RepositoryPaths.Examples, example)));

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_names_the_scenario_schema_on_its_first_line(string example)
    {
        var path = Path.Combine(RepositoryPaths.Examples, example);
        var firstLine = File.ReadLines(path).First();

        Assert.StartsWith(Modeline, firstLine, StringComparison.Ordinal);
        var schema = Path.GetFullPath(firstLine[Modeline.Length..].Trim(), Path.GetDirectoryName(path)!);
        Assert.Equal(RepositoryPaths.ScenarioSchema, schema);
        Assert.True(File.Exists(schema), $"{firstLine} names {schema}, which does not exist");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_still_loads(string example)
    {
        var scenario = ScenarioLoader.LoadFile(Path.Combine(RepositoryPaths.Examples, example));

        Assert.Equal(Path.GetFileNameWithoutExtension(example), scenario.Name);
    }

    [Theory]
    [InlineData("an unknown top-level field", "duration: 30s")]
    [InlineData("an unknown field in connections", "connections: { count: 10, rampUp: 5s }")]
    [InlineData("a checkpoint without when", "checkpoints: [ { action: abort } ]")]
    [InlineData("a checkpoint action explode", "checkpoints: [ { when: 'rtt.p99[10s] > 500ms for 5s', action: explode } ]")]
    public void A_broken_scenario_does_not_validate_and_does_not_load(string what, string broken)
    {
        var yaml = Target + broken;

        Assert.True(ConfigSchemas.ValidateScenario(yaml).Count > 0, $"{what} validated");
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(yaml));
    }

    [Fact]
    public void A_scenario_with_checkpoints_of_every_action_validates_and_loads()
    {
        const string Yaml = Target + """
            checkpoints:
              - { name: slow, when: 'rtt.p99[10s] > 500ms for 5s', action: abort, after: 10s }
              - { when: 'errors.rate[30s] > 1%', action: ramp-down, close: 50% }
              - { when: 'connections.dropped > 100', action: rampDown, to: 1000 }
              - { when: 'generator.saturated for 3s', action: pause-ramp }
              - { when: 'server.cpu > 90', action: alert }
              - { when: 'connections.open >= 500', action: mark }
            """;

        Assert.Empty(ConfigSchemas.ValidateScenario(Yaml));
        Assert.Equal(6, ScenarioLoader.Parse(Yaml).Checkpoints.Count);
    }

    [Fact]
    public void A_suite_with_a_file_an_inline_scenario_and_a_parallel_group_validates()
    {
        Assert.Empty(ConfigSchemas.ValidateSuite(Suite));
    }

    [Fact]
    public void A_suite_without_scenarios_does_not_validate()
    {
        var withoutScenarios = Suite[..Suite.IndexOf("\nscenarios:", StringComparison.Ordinal)];

        var errors = ConfigSchemas.ValidateSuite(withoutScenarios);

        Assert.Contains(errors, e => e.Contains("scenarios", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("a check of an unknown kind", "check: open-files", "check: disk-space")]
    [InlineData("an inline scenario with an unknown field", "hold: 10s", "holdFor: 10s")]
    [InlineData("an item with both file and scenario", "  - file: ../echo-basic.yaml", "  - scenario: { target: { url: \"ws://127.0.0.1:8080/ws\" } }\n    file: ../echo-basic.yaml")]
    public void A_broken_suite_does_not_validate(string what, string valid, string broken)
    {
        Assert.Contains(valid, Suite, StringComparison.Ordinal);

        Assert.True(ConfigSchemas.ValidateSuite(Suite.Replace(valid, broken, StringComparison.Ordinal)).Count > 0, $"{what} validated");
    }

    private const string Suite = """
        name: readiness
        variables: { url: "ws://127.0.0.1:8080/ws" }
        server: { mode: echo }
        onFailure: continue
        targets: ["scenarios.passed == 100%", "checks.failed == 0"]
        before:
          - check: open-files
          - { check: free-memory, min: 1GiB, remedy: close other programs }
        after:
          - { check: server-resources, maxCpu: 20%, maxMemory: 500MiB, within: 10s }
        cleanup:
          - { run: "rm -rf /tmp/wsload-suite", timeout: 10s }
        scenarios:
          - file: ../echo-basic.yaml
            override: { connections: { count: 100 } }
            passWhen: verdict
          - name: inline-echo
            scenario:
              target:
                url: ${url}
              connections:
                count: 10
                hold: 10s
            after:
              - { check: http, url: "http://127.0.0.1:8080/stats", status: 200 }
          - parallel:
              - file: ../server-faults.yaml
                needs: [embedded-server]
                passWhen: thresholds
                server: { mode: ack, args: ["--reply-delay", "5ms"] }
              - scenario: { target: { url: "ws://127.0.0.1:8080/ws" } }
                server: none
        """;
}
