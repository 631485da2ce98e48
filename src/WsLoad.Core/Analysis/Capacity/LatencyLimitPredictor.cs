using MathNet.Numerics;
using WsLoad.Analysis.Anomalies;
using WsLoad.Planning;
using WsLoad.Scenarios;
using WsLoad.Thresholds;

namespace WsLoad.Analysis.Capacity;

/// <summary>
/// Predicts where p99 passes its target. Model: p99(C) = a + b·C + c·C² over the plateaus (least squares, MathNet
/// <c>Fit.Polynomial</c>), because the USL with Little's law gives a closed loop's response time
/// R(N) = N/X(N) = (1 + σ(N−1) + κN(N−1))/λ, a convex quadratic in N; the tail is fitted freely rather than tied to
/// the throughput fit. A concave fit (c &lt; 0) would bend back down, so a straight line is used instead.
/// The per-second p99 is the service time (rtt); a <c>response.p99</c> target is compared with it too (a lower bound).
/// Confidence: High when R² ≥ 0.9 and the crossing is within 2× the largest load measured; Medium when R² ≥ 0.7 and
/// within 4×; Low otherwise. A crossing seen in the measured plateaus is High.
/// </summary>
internal static class LatencyLimitPredictor
{
    public const int MinPoints = 3;

    public static LatencyLimit Predict(Scenario scenario, IReadOnlyList<Plateau> plateaus)
    {
        var (threshold, target) = FindTarget(scenario);
        if (threshold is null)
            return new LatencyLimit { Status = LatencyLimitStatus.NoTarget, Evidence = ["no rtt.p99 or response.p99 upper threshold in the scenario"] };
        var points = plateaus.Where(p => p.RttP99.HasValue).Select(p => (C: p.Connections, P99: p.RttP99!.Value)).ToList();
        var f = (Func<double, string>)SeriesReading.Format;
        var limit = new LatencyLimit { Threshold = threshold, TargetMs = target };
        if (points.Count < MinPoints)
            return limit with { Status = LatencyLimitStatus.NotEnoughPoints, Evidence = [$"{points.Count} plateaus with a p99; at least {MinPoints} needed"] };

        var largest = points.Max(p => p.C);
        var firstPast = points.FindIndex(p => p.P99 >= target);
        if (firstPast >= 0)
        {
            var below = firstPast == 0 ? (C: 0.0, P99: 0.0) : points[firstPast - 1];
            var above = points[firstPast];
            var crossing = below.C + ((target - below.P99) * (above.C - below.C) / (above.P99 - below.P99));
            return limit with
            {
                Status = LatencyLimitStatus.PassedWithinMeasuredRange,
                Model = "interpolated",
                Connections = crossing,
                ExtrapolationFactor = crossing / largest,
                Confidence = FindingConfidence.High,
                Evidence = [$"p99 {f(above.P99)} ms at {f(above.C)} connections passed the target {f(target)} ms; interpolated crossing at {f(crossing)} connections"],
            };
        }

        var xs = points.Select(p => p.C).ToArray();
        var ys = points.Select(p => p.P99).ToArray();
        var coefficients = Fit.Polynomial(xs, ys, 2);
        var model = "quadratic";
        if (!(coefficients[2] >= 0))
        {
            var (a, b) = Fit.Line(xs, ys);
            coefficients = [a, b, 0];
            model = "linear";
        }

        var rSquared = GoodnessOfFit.CoefficientOfDetermination(xs.Select(x => Evaluate(coefficients, x)), ys);
        var root = SmallestRootAbove(coefficients, target, largest);
        var evidence = new List<string>
        {
            $"p99 = {G(coefficients[0])} + {G(coefficients[1])}·C + {G(coefficients[2])}·C² ms ({model}, R² {f(rSquared)}) over {points.Count} plateaus up to {f(largest)} connections",
        };
        if (root is not { } connections)
            return limit with { Status = LatencyLimitStatus.NotReached, Model = model, Coefficients = coefficients, RSquared = rSquared, Evidence = [.. evidence, $"the model never reaches {f(target)} ms"] };

        var factor = connections / largest;
        var confidence = rSquared >= 0.9 && factor <= 2 ? FindingConfidence.High
            : rSquared >= 0.7 && factor <= 4 ? FindingConfidence.Medium
            : FindingConfidence.Low;
        evidence.Add($"reaches the target {f(target)} ms at {f(connections)} connections ({f(factor)}× the largest measured)");
        return limit with
        {
            Status = LatencyLimitStatus.Predicted,
            Model = model,
            Coefficients = coefficients,
            RSquared = rSquared,
            Connections = connections,
            ExtrapolationFactor = factor,
            Confidence = confidence,
            Evidence = evidence,
        };
    }

    /// <summary>
    /// The scenario's upper p99 target: rtt.p99 first, then response.p99. A plateau's p99 is a steady state, so a threshold
    /// on the ramp-up, ramp-down or closing phase is no target for it.
    /// </summary>
    internal static (string? Threshold, double Target) FindTarget(Scenario scenario)
    {
        var parsed = scenario.Thresholds
            .Select(t => ThresholdExpression.TryParse(t, out var e, out _) ? e : null)
            .Where(e => e is { Operator: ThresholdOperator.LessThan or ThresholdOperator.LessThanOrEqual }
                && e.Phase is null or PlanPhases.HoldName or ThresholdPhases.AllName)
            .ToList();
        var chosen = parsed.FirstOrDefault(e => e!.Metric == "rtt.p99") ?? parsed.FirstOrDefault(e => e!.Metric == "response.p99");
        return chosen is null ? (null, 0) : (chosen.Text, chosen.Value);
    }

    private static string G(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);

    private static double Evaluate(double[] c, double x) => c[0] + (c[1] * x) + (c[2] * x * x);

    // The smallest C > largest with a + b·C + c·C² = target (the model is below the target at the measured loads).
    private static double? SmallestRootAbove(double[] c, double target, double largest)
    {
        var (a, b, q) = (c[0] - target, c[1], c[2]);
        double[] roots = q == 0
            ? b == 0 ? [] : [-a / b]
            : (b * b) - (4 * q * a) is var d && d >= 0 ? [(-b - Math.Sqrt(d)) / (2 * q), (-b + Math.Sqrt(d)) / (2 * q)] : [];
        var above = roots.Where(r => r > largest && double.IsFinite(r)).ToList();
        return above.Count == 0 ? null : above.Min();
    }
}
