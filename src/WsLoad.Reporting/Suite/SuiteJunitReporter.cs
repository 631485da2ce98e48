using System.Globalization;
using System.Text;
using System.Xml;
using WsLoad.Suites;
using XmlText = WsLoad.Reporting.Junit.XmlText;

namespace WsLoad.Reporting.Suite;

/// <summary>
/// A suite as JUnit XML: one <c>testsuite</c> per scenario, whose test cases are its before checks, its run (passed by
/// its pass rule), each threshold, each checkpoint and each after check; a skipped scenario is one skipped test case
/// with the reason. Plus a <c>testsuite</c> for the suite's own targets and cleanup. The same suite.json always gives
/// the same bytes.
/// </summary>
public static class SuiteJunitReporter
{
    public const string FileName = "junit.xml";

    private sealed record Case(string Name, string? Failure, string? Skipped, string? Details = null);

    public static void Write(SuiteResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var suites = result.Scenarios.Select(s => (Name: $"{result.Name} / {s.Name}", Time: s.DurationSeconds, Cases: CasesOf(s))).ToList();
        suites.Add(($"{result.Name} / suite", result.DurationSeconds, SuiteCases(result)));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n", NewLineHandling = NewLineHandling.Replace };
        using var xml = XmlWriter.Create(output, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        var all = suites.SelectMany(s => s.Cases).ToList();
        Attributes(xml, ("name", "wsload suite " + result.Name), ("tests", N(all.Count)), ("failures", N(all.Count(c => c.Failure is not null))),
            ("errors", "0"), ("skipped", N(all.Count(c => c.Skipped is not null))), ("time", T(result.DurationSeconds)));
        foreach (var (name, time, cases) in suites)
        {
            xml.WriteStartElement("testsuite");
            Attributes(xml, ("name", name), ("tests", N(cases.Count)), ("failures", N(cases.Count(c => c.Failure is not null))), ("errors", "0"),
                ("skipped", N(cases.Count(c => c.Skipped is not null))), ("time", T(time)),
                ("timestamp", result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)));
            foreach (var testCase in cases)
            {
                xml.WriteStartElement("testcase");
                Attributes(xml, ("classname", name), ("name", testCase.Name));
                if (testCase.Failure is { } failure)
                {
                    xml.WriteStartElement("failure");
                    Attributes(xml, ("message", failure));
                    if (testCase.Details is { } details)
                    {
                        xml.WriteString(XmlText.Clean(details));
                    }

                    xml.WriteEndElement();
                }
                else if (testCase.Skipped is { } skipped)
                {
                    xml.WriteStartElement("skipped");
                    Attributes(xml, ("message", skipped));
                    xml.WriteEndElement();
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
        output.WriteByte((byte)'\n');
    }

    private static List<Case> CasesOf(SuiteScenarioResult scenario)
    {
        var cases = scenario.Before.Select(c => Check("before: " + c.Name, c)).ToList();
        switch (scenario.Outcome)
        {
            case ScenarioOutcome.Skipped or ScenarioOutcome.NotApplicable:
                cases.Add(new Case("run", null, scenario.Reason));
                return cases;
            case ScenarioOutcome.Passed:
                cases.Add(new Case($"run ({scenario.PassWhen})", null, null));
                break;
            default:
                cases.Add(new Case($"run ({scenario.PassWhen})", $"{scenario.Outcome.ToString().ToLowerInvariant()}: {scenario.Reason}", null, scenario.StatusReason));
                break;
        }

        cases.AddRange(scenario.Thresholds.Select(t => Check("threshold: " + t.Name, t)));
        cases.AddRange(scenario.Checkpoints.Select(c => Check("checkpoint: " + c.Name, c)));
        cases.AddRange(scenario.After.Select(c => Check("after: " + c.Name, c)));
        return cases;
    }

    private static List<Case> SuiteCases(SuiteResult result)
    {
        var cases = result.Targets.Select(t => new Case("target: " + t.Target, t.Passed ? null : $"measured {t.Measured}", null)).ToList();
        cases.Add(new Case("verdict", result.Verdict == SuiteVerdict.Go ? null : $"{result.Verdict}: {string.Join("; ", result.Summary.Take(3))}", null));
        cases.AddRange(result.Cleanup.Select(c => new Case("cleanup: " + c.Run, c.ExitCode == 0 ? null : c.TimedOut ? "did not finish in time" : $"exited {c.ExitCode}", null, c.Output)));
        return cases;
    }

    private static Case Check(string name, CheckResult check) =>
        new(name, check.Passed ? null : check.Detail + (check.Remedy is null ? "" : $"; {check.Remedy}"), null);

    private static void Attributes(XmlWriter xml, params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            xml.WriteAttributeString(name, XmlText.Clean(value));
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string T(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
