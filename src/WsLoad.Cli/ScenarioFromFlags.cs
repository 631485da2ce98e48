using WsLoad.Scenarios;

namespace WsLoad.Cli;

/// <summary>
/// Builds the scenario of <c>wsload run</c>: from flags alone, or from a scenario file with the flags laid over it.
/// Rules when a file is given: a scalar flag replaces the file's value; <c>--header</c> adds or replaces single
/// headers; <c>--subprotocol</c> and <c>--threshold</c> replace the file's whole list; <c>--size</c> and
/// <c>--binary</c> apply to every message type; <c>--rate</c> and <c>--total-rate</c> replace each other.
/// Pure: no I/O, no validation beyond what only the flags can know (the validator runs afterwards).
/// </summary>
internal static class ScenarioFromFlags
{
    /// <summary>Throws <see cref="ScenarioException"/> when the flags cannot make a scenario.</summary>
    public static Scenario Build(Scenario? fromFile, RunFlags flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var errors = new List<ScenarioError>();
        if (fromFile is null && flags.Url is null)
        {
            errors.Add(new ScenarioError { Field = "--url", Message = "give a SCENARIO_FILE or --url ws://host:port/path" });
        }

        if (flags.Rate is not null && flags.TotalRate is not null)
        {
            errors.Add(new ScenarioError { Field = "--rate", Message = "use either --rate (per connection) or --total-rate, not both" });
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        var scenario = fromFile ?? new Scenario { Name = "wsload", Target = new TargetOptions { Url = flags.Url! } };
        return scenario with
        {
            Name = flags.Name ?? scenario.Name,
            Target = ApplyTarget(scenario.Target, flags),
            Connections = ApplyConnections(scenario.Connections, flags),
            Messages = ApplyMessages(scenario.Messages, flags),
            Thresholds = flags.Thresholds.Count > 0 ? [.. flags.Thresholds] : scenario.Thresholds,
        };
    }

    private static TargetOptions ApplyTarget(TargetOptions target, RunFlags flags)
    {
        var headers = new Dictionary<string, string>(target.Headers, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in flags.Headers)
        {
            headers[key] = value;
        }

        return target with
        {
            Url = flags.Url ?? target.Url,
            Headers = headers,
            Subprotocols = flags.Subprotocols.Count > 0 ? [.. flags.Subprotocols] : target.Subprotocols,
            ConnectTimeout = flags.ConnectTimeout ?? target.ConnectTimeout,
            Tls = target.Tls with
            {
                Insecure = flags.Insecure || target.Tls.Insecure,
                CaCertificate = Full(flags.CaCertificate) ?? target.Tls.CaCertificate,
                ClientCertificate = Full(flags.ClientCertificate) ?? target.Tls.ClientCertificate,
                ClientKey = Full(flags.ClientKey) ?? target.Tls.ClientKey,
                ClientCertificatePassword = flags.ClientCertificatePassword ?? target.Tls.ClientCertificatePassword,
                Resume = !flags.NoTlsResume && target.Tls.Resume,
            },
        };
    }

    /// <summary>Certificate paths from flags are relative to the working directory, as a user typing them expects.</summary>
    private static string? Full(string? path) => path is null ? null : Path.GetFullPath(path);

    private static ConnectionOptions ApplyConnections(ConnectionOptions connections, RunFlags flags) => connections with
    {
        Count = flags.Connections ?? connections.Count,
        Ramp = flags.Ramp ?? connections.Ramp,

        // A ramp given on the command line means a closed-model ramp, even if the file used arrivals.
        Arrival = flags.Ramp is null ? connections.Arrival : null,
        Hold = flags.Hold ?? connections.Hold,
        RampDown = flags.RampDown ?? connections.RampDown,
        SourceAddresses = flags.SourceAddresses.Count > 0 ? flags.SourceAddresses : connections.SourceAddresses,

        // --reconnect gives the policy and its delays; jitter, attempts and concurrency stay as the file set them.
        Reconnect = flags.Reconnect is { } reconnect
            ? connections.Reconnect with { Policy = reconnect.Policy, Delay = reconnect.Delay, MaxDelay = reconnect.MaxDelay }
            : connections.Reconnect,
    };

    private static MessageOptions ApplyMessages(MessageOptions messages, RunFlags flags)
    {
        var result = messages with
        {
            Expect = flags.Expect ?? messages.Expect,
            Broadcast = flags.Publishers is { } publishers
                ? (messages.Broadcast ?? new BroadcastOptions()) with { Publishers = publishers.Publishers, PublisherPercent = publishers.PublisherPercent }
                : messages.Broadcast,
            Recovery = flags.MessageRecovery ?? messages.Recovery,
            Retry = flags.Retry is { } retry ? (retry.Enabled ? messages.Retry with { After = retry.After } : RetryOptions.None) : messages.Retry,
        };
        if (flags.Rate is { } rate)
        {
            result = result with { RatePerSecond = rate, TotalRatePerSecond = null };
        }

        if (flags.TotalRate is { } totalRate)
        {
            result = result with { TotalRatePerSecond = totalRate };
        }

        if (flags.InFlight is { } inFlight)
        {
            // A closed loop replaces the file's rate: the replies pace it.
            result = result with { InFlight = inFlight, RatePerSecond = 0, TotalRatePerSecond = null };
        }

        if (flags.Size is not null || flags.Binary)
        {
            result = result with
            {
                Types = [.. messages.Types.Select(type => type with
                {
                    Size = flags.Size ?? type.Size,
                    Format = flags.Binary ? PayloadFormat.Binary : type.Format,
                })],
            };
        }

        return result;
    }
}
