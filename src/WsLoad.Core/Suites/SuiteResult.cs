using WsLoad.Results;

namespace WsLoad.Suites;

/// <summary>What a suite run found: each scenario's outcome, the suite's targets, the cleanup, and one verdict. suite.json holds it.</summary>
public sealed record SuiteResult
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public string Tool { get; init; } = "wsload";

    public string ToolVersion { get; init; } = "";

    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The suite file; null when built in code.</summary>
    public string? File { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>True when Ctrl+C (or the caller's token) stopped the suite before its end.</summary>
    public bool Interrupted { get; init; }

    /// <summary><c>GO</c>, <c>NO-GO</c> or <c>INCONCLUSIVE</c>; <c>SuiteVerdict</c> says how it is reached.</summary>
    public required string Verdict { get; init; }

    /// <summary>The executive summary: why the verdict, in plain words, most important first.</summary>
    public IReadOnlyList<string> Summary { get; init; } = [];

    public IReadOnlyList<SuiteScenarioResult> Scenarios { get; init; } = [];

    public IReadOnlyList<SuiteTargetResult> Targets { get; init; } = [];

    public IReadOnlyList<CleanupResult> Cleanup { get; init; } = [];

    /// <summary>Processes the suite started (servers, workers) that were still running at its end and were stopped then.</summary>
    public int ProcessesStopped { get; init; }
}

/// <summary>How one scenario of a suite ended.</summary>
public enum ScenarioOutcome
{
    /// <summary>It ran and passed (its verdict GO, or its thresholds, as its passWhen says).</summary>
    Passed,

    /// <summary>It ran and did not pass.</summary>
    Failed,

    /// <summary>It ran but cannot tell (the generator saturated, too few samples).</summary>
    Inconclusive,

    /// <summary>Ctrl+C stopped it; what it measured is in its run.json.</summary>
    Interrupted,

    /// <summary>It did not run: a before check failed, or the suite stopped after a failure.</summary>
    Skipped,

    /// <summary>It did not run because it needs the suite's own server and the suite ran against another (--url).</summary>
    NotApplicable,
}

public sealed record SuiteScenarioResult
{
    public required string Name { get; init; }

    public string? File { get; init; }

    /// <summary>The step it belonged to, from 1; scenarios of a parallel group share it.</summary>
    public int Step { get; init; }

    public bool Parallel { get; init; }

    public ScenarioOutcome Outcome { get; init; }

    /// <summary>Why it ended so, in one line.</summary>
    public string Reason { get; init; } = "";

    /// <summary><c>passWhen</c>: <c>verdict</c> or <c>thresholds</c>.</summary>
    public string PassWhen { get; init; } = "verdict";

    /// <summary>Its readiness verdict (GO, NO-GO, INCONCLUSIVE) when it ran.</summary>
    public string? Verdict { get; init; }

    public RunStatus? Status { get; init; }

    public string? StatusReason { get; init; }

    /// <summary>Its run.json, relative to suite.json.</summary>
    public string? RunJson { get; init; }

    public double DurationSeconds { get; init; }

    public IReadOnlyList<CheckResult> Before { get; init; } = [];

    public IReadOnlyList<CheckResult> After { get; init; } = [];

    public int ThresholdsPassed { get; init; }

    public int ThresholdsTotal { get; init; }

    /// <summary>Its thresholds and checkpoints as JUnit test cases need them: name, passed, detail.</summary>
    public IReadOnlyList<CheckResult> Thresholds { get; init; } = [];

    public IReadOnlyList<CheckResult> Checkpoints { get; init; } = [];

    public long? ConnectionsEstablished { get; init; }

    public long? ConnectionsPeak { get; init; }

    public double? RttP99Ms { get; init; }

    public double? ErrorRatePercent { get; init; }

    /// <summary>With a pause-ramp checkpoint: the highest level it held healthy.</summary>
    public long? HighestHealthyLevel { get; init; }
}

/// <summary>One environment check, threshold or checkpoint, judged: passed or not, with what was found and what to do.</summary>
public sealed record CheckResult(string Name, bool Passed, string Detail, string? Remedy = null);

public sealed record SuiteTargetResult(string Target, string Measured, bool Passed);

/// <summary>One cleanup step as it ran.</summary>
public sealed record CleanupResult
{
    public required string Run { get; init; }

    public int? ExitCode { get; init; }

    public bool TimedOut { get; init; }

    public double DurationSeconds { get; init; }

    /// <summary>The end of its output (stdout and stderr), for a step that failed.</summary>
    public string? Output { get; init; }
}
