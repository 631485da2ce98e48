using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using WsLoad.Results;

namespace WsLoad.Reporting.Junit;

/// <summary>
/// The run as JUnit XML for CI systems: one <c>testsuite</c> named <c>wsload SCENARIO</c> whose test cases are the
/// checks run.json answers on its own (<see cref="JunitCheck.Of"/>): run completed, each threshold, each checkpoint,
/// generator not saturated. Suite time is the run's duration and its timestamp the run's start, both from run.json, so the same
/// run.json always gives the same bytes. UTF-8 without BOM, "\n" line ends, invariant culture.
/// </summary>
public sealed class JunitReporter : IReporter
{
    public string Format => "junit";

    public string FileName => "junit.xml";

    public async Task WriteAsync(RunResult result, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        Write(result, JunitCheck.Of(result), buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    private static void Write(RunResult result, IReadOnlyList<JunitCheck> checks, Stream output)
    {
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        var tests = N(checks.Count);
        var failures = N(checks.Count(c => c.Failure is not null));
        var skipped = N(checks.Count(c => c.Skipped is not null));
        var time = result.DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        Attributes(xml, ("name", "wsload"), ("tests", tests), ("failures", failures), ("errors", "0"), ("skipped", skipped), ("time", time));
        xml.WriteStartElement("testsuite");
        Attributes(xml,
            ("name", "wsload " + result.Scenario.Name), ("tests", tests), ("failures", failures), ("errors", "0"), ("skipped", skipped), ("time", time),
            ("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)), ("hostname", result.Environment.MachineName));
        xml.WriteStartElement("properties");
        foreach (var (name, value) in new[] { ("url", result.Scenario.Target.Url.OriginalString), ("status", JsonNamingPolicy.KebabCaseLower.ConvertName(result.Status.ToString())), ("tool", $"{result.Tool} {result.ToolVersion}") })
        {
            xml.WriteStartElement("property");
            Attributes(xml, ("name", name), ("value", value));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        foreach (var check in checks)
        {
            WriteCase(xml, check);
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteCase(XmlWriter xml, JunitCheck check)
    {
        xml.WriteStartElement("testcase");
        Attributes(xml, ("classname", check.ClassName), ("name", check.Name));
        if (check.Failure is { } failure)
        {
            xml.WriteStartElement("failure");
            Attributes(xml, ("type", failure.Type), ("message", failure.Message));
            if (failure.Details is { } details)
            {
                xml.WriteString(XmlText.Clean(details));
            }

            xml.WriteEndElement();
        }
        else if (check.Skipped is { } reason)
        {
            xml.WriteStartElement("skipped");
            Attributes(xml, ("message", reason));
            xml.WriteEndElement();
        }

        if (check.SystemOut is { } systemOut)
        {
            xml.WriteElementString("system-out", XmlText.Clean(systemOut));
        }

        xml.WriteEndElement();
    }

    private static void Attributes(XmlWriter xml, params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, XmlText.Clean(value));
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
