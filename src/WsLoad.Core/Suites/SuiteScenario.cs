using WsLoad.Scenarios;

namespace WsLoad.Suites;

/// <summary>
/// One scenario of a suite, as loaded: its name, where it came from, what it needs, and how to resolve it into a
/// <see cref="Scenario"/> once the run-time variables are known (the URL of an embedded server started for it).
/// </summary>
public sealed record SuiteScenario
{
    public required string Name { get; init; }

    /// <summary>The scenario file, or null for one written inline in the suite.</summary>
    public string? File { get; init; }

    /// <summary>The scenario as checked when the suite was loaded (with a stand-in for the embedded server's URL).</summary>
    public required Scenario Scenario { get; init; }

    /// <summary>Resolves the scenario again with the run's variables; throws <see cref="ScenarioException"/> if they break it.</summary>
    public required Func<IReadOnlyDictionary<string, string>, Scenario> Resolve { get; init; }

    /// <summary>The embedded server it gets; null: none.</summary>
    public SuiteServer? Server { get; init; }

    /// <summary><c>embedded-server</c>: it injects server faults and runs only against the suite's own server.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    public PassRule PassWhen { get; init; } = PassRule.Verdict;

    /// <summary>Checks before and after it: the suite's, then its own.</summary>
    public IReadOnlyList<EnvironmentCheck> Before { get; init; } = [];

    public IReadOnlyList<EnvironmentCheck> After { get; init; } = [];

    /// <summary>The need for the suite's own embedded server.</summary>
    public const string NeedsEmbeddedServer = "embedded-server";
}
