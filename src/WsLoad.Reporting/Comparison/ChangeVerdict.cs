namespace WsLoad.Reporting.Comparison;

/// <summary>What a change of one figure between two runs amounts to.</summary>
internal enum ChangeVerdict
{
    /// <summary>Worse by more than the threshold and beyond the noise the sample counts allow.</summary>
    Regression,

    /// <summary>Better by more than the threshold and beyond the noise.</summary>
    Improvement,

    /// <summary>Smaller than the threshold, or inside the noise.</summary>
    WithinNoise,

    /// <summary>One of the runs has no value for this figure.</summary>
    NotComparable,
}
