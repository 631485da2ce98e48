namespace WsLoad.Reporting.Model;

/// <summary>A table of text cells, formatted once (invariant culture) for every report format to lay out.</summary>
public sealed record ReportTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public bool IsEmpty => Rows.Count == 0;
}
