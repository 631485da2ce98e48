namespace WsLoad.Thresholds;

/// <summary>The unit a threshold metric is measured and compared in.</summary>
public enum ThresholdUnit
{
    /// <summary>Milliseconds; written <c>200ms</c>, <c>1.5s</c> or a plain number (ms).</summary>
    Milliseconds,

    /// <summary>Percent; written <c>99.9%</c> or a plain number (percent).</summary>
    Percent,

    /// <summary>Per second; written <c>8000/s</c>, <c>60/m</c> or a plain number (per second).</summary>
    PerSecond,

    /// <summary>A count; written as a plain number.</summary>
    Count,
}

/// <summary>How a measured value is compared with the threshold's value.</summary>
public enum ThresholdOperator
{
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    Equal,
}
