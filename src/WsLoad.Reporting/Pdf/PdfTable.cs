using PdfSharp.Drawing;

namespace WsLoad.Reporting.Pdf;

/// <summary>A column of a <see cref="PdfTable"/>: its header, its share of the width, and whether it holds numbers (right-aligned).</summary>
internal sealed record TableColumn(string Header, double Weight = 1, bool Numeric = false);

/// <summary>A table cell: text, and optionally a colour and bold (a status such as "missed").</summary>
internal sealed record TableCell(string Text, XColor? Color = null, bool Bold = false)
{
    public static implicit operator TableCell(string text) => new(text);
}

/// <summary>
/// Draws a table with wrapped cells onto <see cref="PdfPages"/>: header on a shaded row, thin rules between rows, and
/// the header repeated when the table continues on a new page.
/// </summary>
internal static class PdfTable
{
    private const double Padding = 3;

    public static void Draw(PdfPages pages, IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<TableCell>> rows)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => pages.Width * c.Weight / total).ToArray();
        var header = columns.Select(c => new TableCell(c.Header, Bold: true)).ToArray();
        var lineHeight = PdfStyle.Cell.GetHeight() * 1.1;

        var hasHeader = columns.Any(c => c.Header.Length > 0);
        var headerHeight = hasHeader ? Height(pages, widths, header, lineHeight) : 0;
        pages.Need(headerHeight + (2 * lineHeight) + (2 * Padding));
        if (hasHeader)
        {
            Row(pages, columns, widths, header, headerHeight, lineHeight, shaded: true);
        }
        else
        {
            // Without a header, a rule on top so the first row is boxed like the others.
            pages.Graphics.DrawLine(new XPen(PdfStyle.Rule, 0.75), PdfPages.Left, pages.Y, PdfPages.Left + pages.Width, pages.Y);
        }

        foreach (var row in rows)
        {
            var height = Height(pages, widths, row, lineHeight);
            if (pages.Y + height > pages.Bottom)
            {
                pages.NewPage();
                if (hasHeader)
                {
                    Row(pages, columns, widths, header, headerHeight, lineHeight, shaded: true);
                }
            }

            Row(pages, columns, widths, row, height, lineHeight, shaded: false);
        }

        pages.Y += 6;
    }

    /// <summary>A two-column table of names and values.</summary>
    public static void Pairs(PdfPages pages, IEnumerable<(string Name, string Value)> pairs, string nameHeader = "", string valueHeader = "") =>
        Draw(pages, [new(nameHeader, 1.5), new(valueHeader, 2.5)], pairs.Select(p => (IReadOnlyList<TableCell>)[p.Name, p.Value]));

    private static double Height(PdfPages pages, double[] widths, IReadOnlyList<TableCell> row, double lineHeight) =>
        (row.Select((cell, i) => Lines(pages, cell, widths[i]).Count).DefaultIfEmpty(1).Max() * lineHeight) + (2 * Padding);

    private static List<string> Lines(PdfPages pages, TableCell cell, double width) =>
        TextWrap.Lines(pages.Graphics, cell.Text, cell.Bold ? PdfStyle.CellBold : PdfStyle.Cell, width - (2 * Padding));

    private static void Row(PdfPages pages, IReadOnlyList<TableColumn> columns, double[] widths, IReadOnlyList<TableCell> row, double height, double lineHeight, bool shaded)
    {
        var g = pages.Graphics;
        if (shaded)
        {
            g.DrawRectangle(new XSolidBrush(PdfStyle.HeaderFill), PdfPages.Left, pages.Y, pages.Width, height);
        }

        var x = PdfPages.Left;
        for (var i = 0; i < columns.Count; i++)
        {
            var cell = i < row.Count ? row[i] : new TableCell("");
            var font = cell.Bold ? PdfStyle.CellBold : PdfStyle.Cell;
            var brush = cell.Color is { } color ? new XSolidBrush(color) : PdfStyle.Ink;
            var format = columns[i].Numeric ? XStringFormats.TopRight : XStringFormats.TopLeft;
            var y = pages.Y + Padding;
            foreach (var line in Lines(pages, cell, widths[i]))
            {
                g.DrawString(line, font, brush, new XRect(x + Padding, y, widths[i] - (2 * Padding), lineHeight), format);
                y += lineHeight;
            }

            x += widths[i];
        }

        pages.Y += height;
        g.DrawLine(new XPen(PdfStyle.Rule, shaded ? 0.75 : 0.4), PdfPages.Left, pages.Y, PdfPages.Left + pages.Width, pages.Y);
    }
}
