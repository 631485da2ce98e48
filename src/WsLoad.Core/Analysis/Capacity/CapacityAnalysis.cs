using WsLoad.Analysis.Anomalies;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Analysis.Capacity;

/// <summary>
/// The capacity model of a run: one point per plateau of a stepped ramp (median throughput over its settled seconds
/// against its concurrency), the Universal Scalability Law fitted to them (<see cref="UslFitter"/>), the peak it
/// predicts (<see cref="PeakPredictor"/>) and the connection count at which p99 passes the target
/// (<see cref="LatencyLimitPredictor"/>). Pure and deterministic: reads the <see cref="RunResult"/> only.
/// <para>
/// Concurrency is connections × <c>messages.inFlight</c> for a closed loop; for rate-driven runs it is the open
/// connections (throughput then follows the offered rate until saturation, so the fit describes the offered load).
/// Confidence: High with ≥ 5 points, R² ≥ 0.95, the peak within the measured range and its standard error ≤ 25% of
/// N*; Medium with R² ≥ 0.8 and (a peak with standard error ≤ 50%, or no peak in range but R² ≥ 0.95); Low otherwise,
/// and never above Medium when the generator was saturated on any plateau.
/// </para>
/// </summary>
public static class CapacityAnalysis
{
    /// <summary>Points needed for three parameters and one degree of freedom.</summary>
    public const int MinPlateaus = 4;

    public static CapacityReport Analyze(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var inFlight = run.Scenario.Messages.InFlight is > 0 and var n ? n : 1;
        var plateaus = PlateauExtractor.Extract(run.Series, inFlight);
        var report = new CapacityReport
        {
            InFlightPerConnection = inFlight,
            ClosedLoop = run.Scenario.Messages.InFlight is > 0,
            Plateaus = plateaus,
            LatencyLimit = plateaus.Count == 0 ? null : LatencyLimitPredictor.Predict(run.Scenario, plateaus),
        };
        var points = plateaus.Where(p => p.Throughput > 0 && p.Concurrency > 0).Select(p => (N: p.Concurrency, X: p.Throughput)).ToList();
        if (points.Count < MinPlateaus)
            return report with { Status = CapacityStatus.NotEnoughPlateaus, Reason = NotEnoughReason(run.Scenario, points.Count) };

        var fit = UslFitter.Fit(points, out var failure);
        if (fit is null)
            return report with { Status = CapacityStatus.FitFailed, Reason = failure };

        var peak = PeakPredictor.Predict(fit, points.Min(p => p.N), points.Max(p => p.N), inFlight);
        var saturated = plateaus.Any(p => p.GeneratorSaturatedSeconds > 0);
        return report with
        {
            Status = CapacityStatus.Fitted,
            Usl = fit,
            Peak = peak,
            Confidence = Confidence(fit, peak, saturated),
            Evidence = Evidence(fit, peak, plateaus, saturated),
        };
    }

    private static string NotEnoughReason(Scenario scenario, int found)
    {
        var strategy = scenario.Connections.Ramp.Strategy.ToString().ToLowerInvariant();
        var ramp = scenario.Connections.Arrival is not null ? "an arrival-rate ramp" : $"{("aeiou".Contains(strategy[0], StringComparison.Ordinal) ? "an" : "a")} {strategy} ramp";
        return $"not enough plateaus: {found} found, at least {MinPlateaus} needed (the run used {ramp}; a stepped ramp of {MinPlateaus} or more steps, each held a few seconds, gives one point per step)";
    }

    private static FindingConfidence Confidence(UslFit fit, CapacityPeak peak, bool generatorSaturated)
    {
        var relativeError = peak.PeakConcurrency is { } n && peak.PeakConcurrencyStdError is { } e && n > 0 ? e / n : double.PositiveInfinity;
        var inRange = peak.Location == PeakLocation.WithinMeasuredRange;
        var level = fit.Points >= 5 && fit.RSquared >= 0.95 && inRange && relativeError <= 0.25 ? FindingConfidence.High
            : fit.RSquared >= 0.8 && ((inRange && relativeError <= 0.5) || (!inRange && fit.RSquared >= 0.95)) ? FindingConfidence.Medium
            : FindingConfidence.Low;
        return generatorSaturated && level == FindingConfidence.High ? FindingConfidence.Medium : level;
    }

    private static List<string> Evidence(UslFit fit, CapacityPeak peak, IReadOnlyList<Plateau> plateaus, bool saturated)
    {
        var f = (Func<double, string>)SeriesReading.Format;
        var evidence = new List<string>
        {
            $"plateaus: {string.Join(", ", plateaus.Select(p => $"{f(p.Concurrency)} → {f(p.Throughput)} msg/s"))}",
            $"usl: λ {f(fit.Lambda)} ± {f(fit.LambdaStdError)}, σ {f(fit.Sigma)} ± {f(fit.SigmaStdError)}, κ {fit.Kappa.ToString("0.###E+0", System.Globalization.CultureInfo.InvariantCulture)} ± {fit.KappaStdError.ToString("0.###E+0", System.Globalization.CultureInfo.InvariantCulture)}; R² {f(fit.RSquared)}, relative RMSE {f(fit.RelativeRmse)}",
        };
        if (fit.FixedAtZero.Count > 0)
            evidence.Add($"held at zero (fitted negative): {string.Join(", ", fit.FixedAtZero)}");
        if (peak.PeakConcurrency is { } n)
            evidence.Add($"peak: N* {f(n)} ± {f(peak.PeakConcurrencyStdError ?? 0)} ({peak.Location}), X_max {f(peak.MaxThroughput ?? 0)} ± {f(peak.MaxThroughputStdError ?? 0)} msg/s");
        else if (peak.MaxThroughput is { } asymptote)
            evidence.Add($"no peak (κ = 0): throughput approaches λ/σ = {f(asymptote)} ± {f(peak.MaxThroughputStdError ?? 0)} msg/s");
        else
            evidence.Add("no peak and no limit: the measured range scales linearly");
        if (saturated)
            evidence.Add("the generator was saturated on some plateaus: their figures are unreliable");
        return evidence;
    }
}
