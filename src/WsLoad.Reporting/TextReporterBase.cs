using System.Globalization;
using System.Text;
using WsLoad.Results;

namespace WsLoad.Reporting;

/// <summary>Plumbing for text formats: build the text in the invariant culture, write it as UTF-8 with \n line ends.</summary>
public abstract class TextReporterBase : IReporter
{
    public abstract string Format { get; }

    public abstract string FileName { get; }

    public async Task WriteAsync(RunResult result, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var text = new StringBuilder();
        Build(result, text);
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text.ToString().ReplaceLineEndings("\n"));
        await output.WriteAsync(bytes, cancellationToken);
    }

    /// <summary>Appends the report; numbers must be formatted with <see cref="CultureInfo.InvariantCulture"/>.</summary>
    protected abstract void Build(RunResult result, StringBuilder text);

    protected static string N(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);

    protected static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
