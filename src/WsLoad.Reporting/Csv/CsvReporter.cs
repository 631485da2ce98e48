using CsvHelper;
using WsLoad.Results;

namespace WsLoad.Reporting.Csv;

/// <summary>
/// The run as CSV for spreadsheets and scripts. Format <c>csv</c> is two files, so two instances of this one class:
/// <see cref="Series"/> (series.csv, one row per second) and <see cref="Summary"/> (summary.csv, metric,value rows).
/// Each instance writes one file, as <see cref="IReporter"/> says; <see cref="Reporters.Parse"/> picks every reporter of
/// a format. RFC 4180 quoting, invariant culture, numbers in their shortest round-trip form, null as an empty cell,
/// "\n" line ends (RFC 4180 says CRLF; every CSV reader takes "\n", and the files diff cleanly), UTF-8 without BOM.
/// Text cells are written as they are (no spreadsheet-formula escaping), so scripts read back exactly what run.json holds.
/// </summary>
public sealed class CsvReporter : IReporter
{
    private static readonly CsvWriterOptions Options = new()
    {
        NewLine = "\n",
        FormatProvider = System.Globalization.CultureInfo.InvariantCulture,
        WriteByteOrderMark = false,
        TrueValue = "true",
        FalseValue = "false",
    };

    private readonly IReadOnlyList<string> _header;
    private readonly Func<RunResult, IEnumerable<object?[]>> _rows;

    private CsvReporter(string fileName, IReadOnlyList<string> header, Func<RunResult, IEnumerable<object?[]>> rows)
    {
        FileName = fileName;
        _header = header;
        _rows = rows;
    }

    /// <summary>series.csv: one row per interval (second), columns as in <see cref="SeriesTable"/>.</summary>
    public static CsvReporter Series { get; } = new("series.csv", SeriesTable.Header, SeriesTable.Rows);

    /// <summary>summary.csv: <c>metric,value</c> rows, metrics as in <see cref="SummaryTable"/>.</summary>
    public static CsvReporter Summary { get; } = new("summary.csv", SummaryTable.Header, SummaryTable.Rows);

    public string Format => "csv";

    public string FileName { get; }

    public async Task WriteAsync(RunResult result, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteHeader([.. _header]);
        foreach (var row in _rows(result))
        {
            foreach (var cell in row)
            {
                csv.WriteField(cell);
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
