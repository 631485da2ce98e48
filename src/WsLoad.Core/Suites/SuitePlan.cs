using WsLoad.Planning;

namespace WsLoad.Suites;

/// <summary>One scenario of a suite as <c>wsload plan</c> sees it: how long it runs and what it needs at its peak.</summary>
public sealed record SuitePlanEntry(string Name, int Step, bool Parallel, RunShape Shape)
{
    /// <summary>Its planned duration plus what a suite adds around it: its server's start, the close, the reports.</summary>
    public double Seconds => Shape.Plan.DurationSeconds + SuitePlan.OverheadPerScenario.TotalSeconds;
}

/// <summary>
/// What a suite needs before it starts (<c>wsload plan suite.yaml</c>): each scenario's plan as a run would choose it
/// (workers, source addresses), the suite's duration (steps in order, a parallel group as long as its longest), and
/// its peak: the largest step's connections and memory.
/// </summary>
public sealed record SuitePlan(IReadOnlyList<SuitePlanEntry> Entries)
{
    /// <summary>
    /// What a suite adds to each scenario's planned duration: the embedded server's start, closing, writing the results
    /// and reports (the generator warms up once per process, about 2 s, for the first). Measured on the readiness suite
    /// here: 383 s for 16 scenarios planned at 361 s, about 1.4 s each (bench/results/2026-12-06T0218Z-suite-readiness).
    /// </summary>
    public static readonly TimeSpan OverheadPerScenario = TimeSpan.FromSeconds(2);

    public static SuitePlan For(Suite suite, MachineLimits machine)
    {
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(machine);
        var entries = new List<SuitePlanEntry>();
        for (var step = 0; step < suite.Steps.Count; step++)
        {
            foreach (var scenario in suite.Steps[step].Scenarios)
            {
                entries.Add(new SuitePlanEntry(scenario.Name, step + 1, suite.Steps[step].Parallel, RunShape.Choose(scenario.Scenario, null, machine)));
            }
        }

        return new SuitePlan(entries);
    }

    /// <summary>The estimated duration: the steps one after another, each as long as its longest scenario.</summary>
    public double TotalSeconds => Entries.GroupBy(e => e.Step).Sum(step => step.Max(e => e.Seconds));

    /// <summary>The most connections open at once: the largest step's, a parallel group's added up.</summary>
    public int PeakConnections => Entries.GroupBy(e => e.Step).Select(step => step.Sum(e => e.Shape.Plan.PeakConnections)).DefaultIfEmpty(0).Max();

    /// <summary>The most client and kernel memory at once, as the plans estimate it.</summary>
    public long PeakMemoryBytes => Entries.GroupBy(e => e.Step).Select(step => step.Sum(e => e.Shape.Plan.ClientMemoryBytes + e.Shape.Plan.KernelMemoryBytes)).DefaultIfEmpty(0).Max();

    /// <summary>True when every scenario fits this machine as its run would shape it.</summary>
    public bool Fits => Entries.All(e => e.Shape.Plan.Fits);
}
