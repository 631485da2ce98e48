using WsLoad.Suites;

namespace WsLoad.Reporting.Suite;

/// <summary>Writes a suite's reports next to its suite.json: suite.html, suite.md and junit.xml, each atomically.</summary>
public static class SuiteReports
{
    public static IReadOnlyList<string> FileNames { get; } = [SuiteHtmlReporter.FileName, SuiteMarkdownReporter.FileName, SuiteJunitReporter.FileName];

    /// <summary>Writes the three reports into <paramref name="directory"/>; returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(SuiteResult result, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var html = Path.Combine(directory, SuiteHtmlReporter.FileName);
        var markdown = Path.Combine(directory, SuiteMarkdownReporter.FileName);
        var junit = Path.Combine(directory, SuiteJunitReporter.FileName);
        await WriteAtomicallyAsync(html, SuiteHtmlReporter.Render(result), cancellationToken);
        await WriteAtomicallyAsync(markdown, SuiteMarkdownReporter.Render(result), cancellationToken);
        using (var buffer = new MemoryStream())
        {
            SuiteJunitReporter.Write(result, buffer);
            var temporary = junit + ".tmp";
            await File.WriteAllBytesAsync(temporary, buffer.ToArray(), cancellationToken);
            File.Move(temporary, junit, overwrite: true);
        }

        return [html, markdown, junit];
    }

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
