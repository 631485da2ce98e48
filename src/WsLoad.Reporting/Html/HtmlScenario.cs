using WsLoad.Results;
using WsLoad.Scenarios;
using static WsLoad.Reporting.Model.ReportFormat;

namespace WsLoad.Reporting.Html;

/// <summary>The scenario as it ran (its essentials and the command line) and the environment it ran in.</summary>
internal static class HtmlScenario
{
    public static void Write(HtmlWriter html, RunResult result)
    {
        var s = result.Scenario;
        var c = s.Connections;
        var m = s.Messages;
        html.Section("scenario", "Scenario as run")
            .Facts(
                [
                    ("name", s.Name),
                    ("target", s.Target.Url.OriginalString),
                    ("subprotocols", s.Target.Subprotocols.Count == 0 ? "—" : string.Join(", ", s.Target.Subprotocols)),
                    ("connections", Count(c.Count)),
                    ("ramp", c.Arrival is { } arrival
                        ? $"arrivals at {Rate(arrival.RatePerSecond, "connection")} up to {Count(arrival.Max)} over {Duration(arrival.Duration)}"
                        : $"{c.Ramp.Strategy.ToString().ToLowerInvariant()} over {Duration(c.Ramp.Duration)}"),
                    ("hold", Duration(c.Hold)),
                    ("ramp-down", Duration(c.RampDown)),
                    ("messages", Messages(m)),
                    ("expect", m.Expect.ToString().ToLowerInvariant()),
                    ("message timeout", Duration(m.Timeout)),
                    ("message types", string.Join("; ", m.Types.Select(t => $"{t.Name} (weight {Number(t.Weight)}, {t.Size} bytes, {t.Format.ToString().ToLowerInvariant()})"))),
                    ("bursts", m.Bursts.Count == 0 ? "—" : string.Join("; ", m.Bursts.Select(b => $"×{Number(b.Multiplier)} at {Duration(b.At)} for {Duration(b.Duration)}"))),
                    ("thresholds", s.Thresholds.Count == 0 ? "—" : string.Join("; ", s.Thresholds)),
                ])
            .Element("h3", "Command line")
            .Element("pre", result.Environment.CommandLine.Length == 0 ? "(not recorded)" : result.Environment.CommandLine, "command")
            .EndSection();

        var env = result.Environment;
        html.Section("environment", "Environment")
            .Facts(
                [
                    ("machine", env.MachineName),
                    ("operating system", env.Os),
                    ("runtime", env.Runtime),
                    ("cores", Count(env.ProcessorCount)),
                    ("memory", Bytes(env.TotalMemoryBytes)),
                    ("open-file limit", env.OpenFileLimit is { } limit ? Count(limit) : "—"),
                    ("ephemeral port range", env.EphemeralPortRange ?? "—"),
                    ("tool", $"{result.Tool} {result.ToolVersion}"),
                    ("run.json schema", Count(result.SchemaVersion)),
                ])
            .EndSection();
    }

    private static string Messages(MessageOptions m) =>
        m.InFlight is { } inFlight ? $"closed loop, {Count(inFlight)} in flight per connection"
        : m.TotalRatePerSecond is { } total ? $"{Rate(total, "msg")} in total"
        : m.RatePerSecond > 0 ? $"{Rate(m.RatePerSecond, "msg")} per connection"
        : "none sent";

    private static string Duration(TimeSpan value) => Seconds(value.TotalSeconds);
}
