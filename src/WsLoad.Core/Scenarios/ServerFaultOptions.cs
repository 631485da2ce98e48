namespace WsLoad.Scenarios;

/// <summary>
/// A scenario's <c>serverFaults</c> section: fault plans the embedded target server is told to put in force at set
/// times of the run, through its admin endpoint (<c>PUT /admin/faults</c>, <c>POST /admin/stall</c>,
/// <c>DELETE /admin/faults</c>). Each change is an event on the run's timeline.
/// </summary>
public sealed record ServerFaultOptions
{
    /// <summary>
    /// The server's admin base URL, e.g. <c>http://127.0.0.1:8080/admin</c>. Null (default): the target URL's host and
    /// port, with http (https for wss) and <c>/admin</c>.
    /// </summary>
    public Uri? Admin { get; init; }

    /// <summary>The changes, each at its time since the run started.</summary>
    public IReadOnlyList<ServerFaultStep> At { get; init; } = [];

    /// <summary>The admin base URL to use for <paramref name="target"/>: <see cref="Admin"/>, or one derived from the target.</summary>
    public Uri AdminFor(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (Admin is { } admin)
            return admin;
        var scheme = target.Scheme == "wss" ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
        return new UriBuilder(scheme, target.Host, target.Port, "/admin").Uri;
    }
}

/// <summary>
/// One change of the server's faults at <see cref="At"/>: exactly one of <see cref="Set"/> (put this plan in force,
/// replacing the one before), <see cref="Stall"/> (stall the server that long) and <see cref="Clear"/> (no faults).
/// </summary>
public sealed record ServerFaultStep
{
    /// <summary>When, since the run started.</summary>
    public TimeSpan At { get; init; }

    /// <summary>The plan, as field name to text (see <see cref="ServerFaultPlanFields"/>), e.g. <c>replyDelay: 50ms-150ms</c>.</summary>
    public IReadOnlyDictionary<string, string>? Set { get; init; }

    /// <summary>Stall the server (echo replies held, then sent in order) for this long.</summary>
    public TimeSpan? Stall { get; init; }

    /// <summary>Clear every fault.</summary>
    public bool Clear { get; init; }
}
