namespace WsLoad.Reporting.Comparison;

/// <summary>A closed range [<see cref="Low"/>, <see cref="High"/>] a figure's true value lies in at the stated confidence.</summary>
internal readonly record struct Interval(double Low, double High)
{
    /// <summary>Two runs whose intervals overlap cannot be told apart by their sample counts: the change is within noise.</summary>
    public bool Overlaps(Interval other) => Low <= other.High && other.Low <= High;

    public Interval Scale(double factor) => new(Low * factor, High * factor);
}
