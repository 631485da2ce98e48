using System.Globalization;
using WsLoad.Results;

namespace WsLoad.Cli.Console;

/// <summary>
/// The one stderr line printed instead of the summary when a run aborted without establishing a single connection
/// (every table would be zeros): what failed, against which URL, a hint for the failure class, and where run.json is.
/// Built from the <see cref="RunResult"/> alone.
/// </summary>
internal static class NoConnectionLine
{
    /// <summary>How the engine words the reason of a fail-fast abort: this prefix, then "CLASS: MESSAGE".</summary>
    private const string EngineReasonPrefix = "no connection could be established: ";

    private const string UpgradeRejectedPrefix = "upgrade-rejected-";

    /// <summary>True when the run aborted and established nothing, so the summary tables would say nothing.</summary>
    public static bool AppliesTo(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == RunStatus.Aborted && result.Summary.Connections.Established == 0;
    }

    /// <summary>
    /// E.g. <c>wsload: aborted: no connection could be established to ws://127.0.0.1:9/ws: connect-refused: refused
    /// during tcp: Connection refused — is the server running and the port right? (results: out/run.json)</c>.
    /// </summary>
    public static string Build(RunResult result, string? runJsonPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        var reason = (result.StatusReason ?? "").ReplaceLineEndings(" ").Trim();
        string line;
        string? failureClass;
        if (reason.StartsWith(EngineReasonPrefix, StringComparison.Ordinal))
        {
            var cause = reason[EngineReasonPrefix.Length..];
            line = $"wsload: aborted: no connection could be established to {result.Scenario.Target.Url.OriginalString}: {cause}";
            failureClass = cause.Split(':', 2)[0].Trim();
        }
        else
        {
            line = "wsload: aborted: " + (reason.Length > 0 ? reason : "no connection was established");
            failureClass = result.ErrorsByClass.OrderByDescending(e => e.Value).Select(e => e.Key).FirstOrDefault();
        }

        if (failureClass is not null && Hint(failureClass) is { } hint)
        {
            line += " — " + hint;
        }

        return runJsonPath is null ? line : $"{line} (results: {runJsonPath})";
    }

    /// <summary>What the user most likely has to check for a connect failure class; null when there is nothing useful to say.</summary>
    public static string? Hint(string failureClass)
    {
        ArgumentNullException.ThrowIfNull(failureClass);
        if (failureClass.StartsWith(UpgradeRejectedPrefix, StringComparison.Ordinal)
            && int.TryParse(failureClass.AsSpan(UpgradeRejectedPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return $"the server refused the WebSocket upgrade with HTTP {status.ToString(CultureInfo.InvariantCulture)} "
                + "(check the URL path, auth headers (--header), and the server's capacity)";
        }

        return failureClass switch
        {
            "connect-refused" => "is the server running and the URL (host and port) right?",
            "connect-upgrade-rejected" => "the server refused the WebSocket upgrade (check the URL path and auth headers)",
            "connect-tls" => "the TLS handshake failed: pass --insecure, or set target.tls.caCertificate to trust the server's CA",
            "connect-timeout" => "nothing answered in time: is the host reachable (firewall, VPN)? raise --connect-timeout if it is just slow",
            "connect-dns" => "the host name could not be resolved: check the URL's host",
            "connect-reset" => "the server closed the connection during the handshake: is it a WebSocket endpoint, and ws:// vs wss:// right?",
            "connect-protocol" => "the answer was not a WebSocket upgrade: is the URL a WebSocket endpoint?",
            "connect-address-in-use" => "the local source ports or addresses ran out: add connections.sourceAddresses or wait for TIME_WAIT",
            "connect-too-many-files" => "the open-file limit was reached: raise it (ulimit -n)",
            _ => null,
        };
    }
}
