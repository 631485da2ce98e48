namespace WsLoad.Thresholds;

/// <summary>
/// The comparison operators of thresholds, checkpoint conditions and suite targets: read from their written form
/// (<c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>==</c>) and applied, in one place so the three agree.
/// </summary>
public static class ThresholdOperators
{
    /// <summary>The operator a written form names; anything else (the patterns allow only these) is <c>==</c>.</summary>
    public static ThresholdOperator Parse(string written) => written switch
    {
        "<" => ThresholdOperator.LessThan,
        "<=" => ThresholdOperator.LessThanOrEqual,
        ">" => ThresholdOperator.GreaterThan,
        ">=" => ThresholdOperator.GreaterThanOrEqual,
        _ => ThresholdOperator.Equal,
    };

    /// <summary>Whether <paramref name="measured"/> stands in relation <paramref name="op"/> to <paramref name="limit"/>.</summary>
    public static bool Holds(ThresholdOperator op, double measured, double limit) => op switch
    {
        ThresholdOperator.LessThan => measured < limit,
        ThresholdOperator.LessThanOrEqual => measured <= limit,
        ThresholdOperator.GreaterThan => measured > limit,
        ThresholdOperator.GreaterThanOrEqual => measured >= limit,
        _ => measured == limit,
    };
}
