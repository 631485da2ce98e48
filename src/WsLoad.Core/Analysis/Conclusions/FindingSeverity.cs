namespace WsLoad.Analysis.Conclusions;

/// <summary>How much a finding matters: problems first, then warnings, then what went well.</summary>
public enum FindingSeverity
{
    Problem,
    Warning,
    Good,
}
