namespace WsLoad.Analysis.Conclusions;

/// <summary>A count under a name a finding or a next step quotes, e.g. an error class (<c>connect-refused</c> × 2) or an HTTP status.</summary>
public sealed record NamedCount(string Name, long Count);
