namespace WsLoad.Analysis.Failures;

/// <summary>One figure a finding rests on, e.g. <c>peak-per-second = 120 failures</c>.</summary>
/// <param name="Name">Stable kebab-case name of the figure.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">Its unit: <c>failures</c>, <c>seconds</c>, <c>ms</c>, <c>ratio</c>, <c>%</c>, <c>connections</c>...</param>
public sealed record EvidenceFigure(string Name, double Value, string Unit);
