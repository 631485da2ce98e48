namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// One figure a message carries: <see cref="Key"/> names it in the generic JSON (camelCase), <see cref="Label"/> in
/// Slack and Teams, <see cref="Display"/> is its text with its unit, and <see cref="Number"/> its value when it is one
/// (what the generic JSON sends, so a receiver need not parse text).
/// </summary>
public sealed record AlertFigure(string Key, string Label, string Display, double? Number = null);
