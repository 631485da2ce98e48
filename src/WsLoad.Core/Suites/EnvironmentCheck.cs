namespace WsLoad.Suites;

/// <summary>The kinds of environment check a suite may make.</summary>
public enum CheckKind
{
    OpenFiles,
    Ports,
    FreeMemory,
    Reachable,
    Http,
    ServerResources,
    Command,
}

/// <summary>
/// One environment check, before or after a scenario, with what to do when it fails (<see cref="Remedy"/>). Only the
/// fields of its <see cref="Kind"/> are set; see examples/suites/README.md.
/// </summary>
public sealed record EnvironmentCheck
{
    public required CheckKind Kind { get; init; }

    /// <summary>What to do when it fails, shown with the failure.</summary>
    public string? Remedy { get; init; }

    /// <summary><c>free-memory</c>: at least this many bytes available.</summary>
    public long? MinBytes { get; init; }

    /// <summary><c>reachable</c>, <c>http</c>: the URL (for <c>reachable</c>, the scenario's target when null).</summary>
    public Uri? Url { get; init; }

    /// <summary><c>reachable</c>: also make the WebSocket upgrade.</summary>
    public bool Upgrade { get; init; } = true;

    /// <summary><c>http</c>: the status expected.</summary>
    public int Status { get; init; } = 200;

    /// <summary><c>http</c>: a text the body must contain.</summary>
    public string? Body { get; init; }

    /// <summary><c>server-resources</c>: the CPU bound, % of one core.</summary>
    public double? MaxCpuPercent { get; init; }

    /// <summary><c>server-resources</c>: the resident memory bound.</summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary><c>server-resources</c>: how long the server has to come under the bounds; <c>command</c>: its time limit.</summary>
    public TimeSpan? Within { get; init; }

    /// <summary><c>command</c>: the shell command.</summary>
    public string? Run { get; init; }

    /// <summary>The kind as a suite file writes it.</summary>
    public static string KindName(CheckKind kind) => kind switch
    {
        CheckKind.OpenFiles => "open-files",
        CheckKind.Ports => "ports",
        CheckKind.FreeMemory => "free-memory",
        CheckKind.Reachable => "reachable",
        CheckKind.Http => "http",
        CheckKind.ServerResources => "server-resources",
        _ => "command",
    };

    public static IReadOnlyList<string> KindNames { get; } = [.. Enum.GetValues<CheckKind>().Select(KindName)];
}
