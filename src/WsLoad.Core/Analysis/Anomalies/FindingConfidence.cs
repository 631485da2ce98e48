namespace WsLoad.Analysis.Anomalies;

/// <summary>How far a finding can be trusted; each finding type documents the rules that set it.</summary>
public enum FindingConfidence
{
    Low,
    Medium,
    High,
}
