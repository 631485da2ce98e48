using PdfSharp.Drawing;

namespace WsLoad.Reporting.Pdf;

/// <summary>Word wrapping for XGraphics, which draws one line at a time: words that are too long are cut.</summary>
internal static class TextWrap
{
    public static List<string> Lines(XGraphics graphics, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (graphics.MeasureString(candidate, font).Width <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && graphics.MeasureString(line, font).Width > width)
                {
                    var fit = Fit(graphics, line, font, width);
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>How many leading characters of <paramref name="word"/> fit in <paramref name="width"/> (at least one).</summary>
    private static int Fit(XGraphics graphics, string word, XFont font, double width)
    {
        var fit = 1;
        while (fit < word.Length && graphics.MeasureString(word[..(fit + 1)], font).Width <= width)
        {
            fit++;
        }

        return fit;
    }
}
