using WsLoad.Planning;
using WsLoad.Results;

namespace WsLoad.Resources;

/// <summary>Folds the per-interval generator samples into the run's <see cref="GeneratorHealth"/>.</summary>
internal static class GeneratorHealthReport
{
    public static GeneratorHealth? From(IReadOnlyList<IntervalSample> series)
    {
        series = series.Where(s => s.Phase != PlanPhases.ClosingName).ToList();
        var sampled = series.Where(s => s.Generator is not null).ToList();
        if (sampled.Count == 0)
        {
            return null;
        }

        var periods = new List<SaturationPeriod>();
        SaturationPeriod? open = null;
        var previousEnd = 0.0;
        foreach (var sample in series)
        {
            if (sample.Generator is { Saturated: true } generator)
            {
                var reasons = generator.SaturationReasons ?? [];
                open = open is null
                    ? new SaturationPeriod { FromSeconds = previousEnd, ToSeconds = sample.AtSeconds, Reasons = Kinds(reasons) }
                    : open with { ToSeconds = sample.AtSeconds, Reasons = [.. open.Reasons.Union(Kinds(reasons))] };
            }
            else if (open is not null)
            {
                periods.Add(open);
                open = null;
            }

            previousEnd = sample.AtSeconds;
        }

        if (open is not null)
        {
            periods.Add(open);
        }

        return new GeneratorHealth
        {
            Saturated = periods.Count > 0,
            SaturatedIntervals = sampled.Count(s => s.Generator!.Saturated),
            Periods = periods,
            MaxCpuPercent = sampled.Max(s => s.Generator!.CpuPercent),
            MaxSchedulingLagMs = sampled.Max(s => s.Generator!.SchedulingLagMs),
            MaxThreadPoolQueue = sampled.Max(s => s.Generator!.ThreadPoolQueue),
            MaxThreadPoolDelayMs = sampled.Max(s => s.Generator!.ThreadPoolDelayMs),
        };
    }

    private static List<string> Kinds(IEnumerable<string> reasons) =>
        reasons.Select(SaturationRules.KindOf).Distinct(StringComparer.Ordinal).ToList();
}
