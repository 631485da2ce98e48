using System.Text;
using System.Xml;

namespace WsLoad.Reporting.Junit;

/// <summary>Text from run.json made safe for XML 1.0: a server's close reason or an exception message may hold control characters XML cannot carry.</summary>
internal static class XmlText
{
    /// <summary><paramref name="text"/> with each character XML 1.0 forbids (and each unpaired surrogate) replaced by U+FFFD.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                cleaned?.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                cleaned ??= new StringBuilder(text, 0, i, text.Length);
                cleaned.Append('\uFFFD');
            }
        }

        return cleaned?.ToString() ?? text;
    }
}
