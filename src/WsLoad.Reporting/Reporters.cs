using WsLoad.Results;

namespace WsLoad.Reporting;

/// <summary>The known report formats, and writing several at once so that one failing format does not stop the others.</summary>
public static class Reporters
{
    /// <summary>
    /// Every reporter, by format name. Adding a format is adding its class here. A reporter writes one file, so a format
    /// of several files has one reporter per file under the same name (csv: series.csv and summary.csv).
    /// </summary>
    public static IReadOnlyList<IReporter> All { get; } =
        [
            new Html.HtmlReporter(), new Pdf.PdfReporter(), new MarkdownReporter(), Csv.CsvReporter.Series, Csv.CsvReporter.Summary,
            new Junit.JunitReporter(), new JsonReporter(),
        ];

    public static IReadOnlyList<string> Formats { get; } = [.. All.Select(r => r.Format).Distinct()];

    /// <summary>The reporters for comma-separated formats; throws <see cref="ArgumentException"/> naming what is allowed.</summary>
    public static IReadOnlyList<IReporter> Parse(string formats)
    {
        ArgumentNullException.ThrowIfNull(formats);
        var chosen = new List<IReporter>();
        foreach (var name in formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var matching = All.Where(r => string.Equals(r.Format, name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matching.Count == 0)
            {
                throw new ArgumentException($"unknown report format '{name}'; allowed: {string.Join(", ", Formats)}", nameof(formats));
            }

            foreach (var reporter in matching)
            {
                if (!chosen.Contains(reporter))
                {
                    chosen.Add(reporter);
                }
            }
        }

        return chosen;
    }

    /// <summary>Writes each report into <paramref name="directory"/>; returns the files written and the failures (format: message).</summary>
    public static async Task<(IReadOnlyList<string> Written, IReadOnlyList<string> Failed)> WriteAsync(
        RunResult result, IEnumerable<IReporter> reporters, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reporters);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var failed = new List<string>();
        foreach (var reporter in reporters)
        {
            var path = Path.Combine(directory, reporter.FileName);
            try
            {
                await using (var stream = File.Create(path))
                {
                    await reporter.WriteAsync(result, stream, cancellationToken);
                }

                written.Add(path);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failed.Add($"{reporter.Format}: {exception.Message}");
            }
        }

        return (written, failed);
    }
}
