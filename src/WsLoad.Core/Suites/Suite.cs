namespace WsLoad.Suites;

/// <summary>
/// A suite: scenarios run in order (or in parallel groups), environment checks around each, cleanup steps that always
/// run, and the suite's own targets over the scenarios' outcomes. Load one with <see cref="SuiteLoader"/>; run it with
/// <c>TestSuite.RunAsync</c>. The file format is described in examples/suites/README.md.
/// </summary>
public sealed record Suite
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The file it was loaded from; null when built in code.</summary>
    public string? File { get; init; }

    /// <summary>Shared variables, <c>${name}</c> in the scenarios.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The embedded server each scenario gets unless it says otherwise; null: none (the scenarios name their target).</summary>
    public SuiteServer? Server { get; init; }

    public SuiteFailurePolicy OnFailure { get; init; } = SuiteFailurePolicy.Continue;

    /// <summary>The suite's pass rules, e.g. <c>scenarios.passed == 100%</c>; see <see cref="SuiteTarget"/>.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    public IReadOnlyList<EnvironmentCheck> Before { get; init; } = [];

    public IReadOnlyList<EnvironmentCheck> After { get; init; } = [];

    public IReadOnlyList<CleanupStep> Cleanup { get; init; } = [];

    /// <summary>The steps, in order: a scenario, or a group of them that runs together.</summary>
    public required IReadOnlyList<SuiteStep> Steps { get; init; }

    /// <summary>Every scenario of the suite, groups opened, in order.</summary>
    public IEnumerable<SuiteScenario> Scenarios => Steps.SelectMany(s => s.Scenarios);

    /// <summary>The targets when the suite names none: every scenario passes.</summary>
    public static IReadOnlyList<string> DefaultTargets { get; } = ["scenarios.passed == 100%"];
}

/// <summary>What the suite does after a scenario that did not pass.</summary>
public enum SuiteFailurePolicy
{
    /// <summary>Go on with the next scenario.</summary>
    Continue,

    /// <summary>Skip the rest; they are reported as skipped.</summary>
    Stop,
}

/// <summary>One step of a suite: one scenario, or several that run at the same time.</summary>
public sealed record SuiteStep
{
    public required IReadOnlyList<SuiteScenario> Scenarios { get; init; }

    /// <summary>True for a <c>parallel:</c> group.</summary>
    public bool Parallel { get; init; }
}

/// <summary>How a suite's embedded server is started: <c>wsload serve --mode MODE ARGS…</c>.</summary>
public sealed record SuiteServer
{
    /// <summary><c>echo</c>, <c>ack</c>, <c>broadcast</c> or <c>push</c>.</summary>
    public string Mode { get; init; } = "echo";

    /// <summary>More <c>wsload serve</c> flags, e.g. <c>["--reply-delay", "5ms"]</c>.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];
}

/// <summary>What makes a scenario pass in a suite.</summary>
public enum PassRule
{
    /// <summary>Its readiness verdict is GO.</summary>
    Verdict,

    /// <summary>It ran to its end and its thresholds all passed (a fault-injection scenario, whose failures are the point).</summary>
    Thresholds,
}

/// <summary>A cleanup step: a shell command, bounded in time.</summary>
public sealed record CleanupStep
{
    public required string Run { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
