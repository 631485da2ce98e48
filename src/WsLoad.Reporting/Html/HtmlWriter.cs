using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace WsLoad.Reporting.Html;

/// <summary>A table cell: its text (escaped when written) and an optional CSS class.</summary>
internal readonly record struct HtmlCell(string Text, string? Class = null)
{
    public static implicit operator HtmlCell(string text) => new(text);
}

/// <summary>
/// Appends HTML to a <see cref="StringBuilder"/>. Every piece of text goes through <see cref="Text"/> (escaped);
/// only the report's own markup is written raw. Not thread-safe: one writer per report.
/// </summary>
internal sealed class HtmlWriter(StringBuilder html)
{
    // All of Unicode may stay literal (the file is UTF-8); only the HTML-significant characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Escape(string text) => Encoder.Encode(text);

    /// <summary>Writes the report's own markup as is.</summary>
    public HtmlWriter Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    /// <summary>Writes text, escaped.</summary>
    public HtmlWriter Text(string text)
    {
        html.Append(Escape(text));
        return this;
    }

    /// <summary>Writes <c>&lt;tag class="..."&gt;text&lt;/tag&gt;</c> with the text escaped.</summary>
    public HtmlWriter Element(string tag, string text, string? cssClass = null)
    {
        html.Append('<').Append(tag);
        if (cssClass is not null)
        {
            html.Append(" class=\"").Append(Escape(cssClass)).Append('"');
        }

        html.Append('>').Append(Escape(text)).Append("</").Append(tag).Append(">\n");
        return this;
    }

    /// <summary>Opens a section with an anchor id and a heading.</summary>
    public HtmlWriter Section(string id, string heading)
    {
        html.Append("<section id=\"").Append(Escape(id)).Append("\">\n");
        return Element("h2", heading);
    }

    public HtmlWriter EndSection() => Raw("</section>\n");

    /// <summary>
    /// A table; columns from <paramref name="numericFrom"/> on are right-aligned numbers. A table without rows says
    /// <paramref name="empty"/> instead of showing bare headers.
    /// </summary>
    public HtmlWriter Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<HtmlCell>> rows, int numericFrom = int.MaxValue, string empty = "None.")
    {
        var body = rows.ToList();
        if (body.Count == 0)
        {
            return Element("p", empty, "empty");
        }

        html.Append("<table>\n<thead><tr>");
        for (var i = 0; i < headers.Count; i++)
        {
            html.Append(i >= numericFrom ? "<th class=\"num\">" : "<th>").Append(Escape(headers[i])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in body)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                var classes = string.Join(' ', new[] { i >= numericFrom ? "num" : null, row[i].Class }.OfType<string>());
                html.Append(classes.Length == 0 ? "<td>" : $"<td class=\"{Escape(classes)}\">").Append(Escape(row[i].Text)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        return this;
    }

    /// <summary>A two-column table of names and values (a definition list reads badly when printed).</summary>
    public HtmlWriter Facts(IEnumerable<(string Name, string Value)> facts) =>
        Raw("<table class=\"facts\">\n<tbody>\n")
            .Each(facts, (w, f) => w.Raw("<tr><th>").Text(f.Name).Raw("</th><td>").Text(f.Value).Raw("</td></tr>\n"))
            .Raw("</tbody>\n</table>\n");

    public HtmlWriter Each<T>(IEnumerable<T> items, Action<HtmlWriter, T> write)
    {
        foreach (var item in items)
        {
            write(this, item);
        }

        return this;
    }
}
