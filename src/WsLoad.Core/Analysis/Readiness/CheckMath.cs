using WsLoad.Thresholds;

namespace WsLoad.Analysis.Readiness;

/// <summary>Margins and statuses of checks: relative headroom against the target, negative when missed.</summary>
internal static class CheckMath
{
    /// <summary>Lower is better: (target − measured) ÷ target; for a zero target, 0 when met and −1 when not.</summary>
    public static double AtMost(double measured, double target) =>
        target > 0 ? (target - measured) / target : measured <= target ? 0 : -1;

    /// <summary>
    /// Higher is better. For a percentage below 100 the margin is taken on the failure side: (measured − target) ÷
    /// (100 − target), so 99.98% against 99.9% is 0.8 (80% of the failure budget left).
    /// </summary>
    public static double AtLeast(double measured, double target, bool percent) =>
        percent && target < 100 ? (measured - target) / (100 - target)
        : target > 0 ? (measured - target) / target
        : measured >= target ? 0 : -1;

    /// <summary>The margin of <paramref name="measured"/> against a threshold's operator and value.</summary>
    public static double ForThreshold(double measured, ThresholdExpression threshold) => threshold.Operator switch
    {
        ThresholdOperator.LessThan or ThresholdOperator.LessThanOrEqual => AtMost(measured, threshold.Value),
        ThresholdOperator.GreaterThan or ThresholdOperator.GreaterThanOrEqual => AtLeast(measured, threshold.Value, threshold.Unit == ThresholdUnit.Percent),
        _ => measured.Equals(threshold.Value) ? 0 : -1,
    };

    public static bool Holds(double measured, ThresholdExpression threshold) => threshold.Operator switch
    {
        ThresholdOperator.LessThan => measured < threshold.Value,
        ThresholdOperator.LessThanOrEqual => measured <= threshold.Value,
        ThresholdOperator.GreaterThan => measured > threshold.Value,
        ThresholdOperator.GreaterThanOrEqual => measured >= threshold.Value,
        _ => measured.Equals(threshold.Value),
    };

    /// <summary>Failed when not held; Marginal when held within <paramref name="band"/> (never for ==); else Passed.</summary>
    public static CheckStatus Status(bool holds, double margin, double band) =>
        !holds ? CheckStatus.Failed : margin < band && band > 0 ? CheckStatus.Marginal : CheckStatus.Passed;

    public static double Round(double margin) => Math.Round(margin, 4);
}
