using System.Net.Sockets;

namespace WsLoad.Cli.Preflight;

/// <summary>What one TCP connect to the target's host and port found.</summary>
internal enum TargetAnswer
{
    /// <summary>Something accepted the connection.</summary>
    Accepted,

    /// <summary>The host answered that nothing listens there (connection refused).</summary>
    Refused,

    /// <summary>No answer in time, no route, or a name that does not resolve.</summary>
    NoAnswer,
}

/// <summary>The probe's finding and, when it was not accepted, why, in words.</summary>
internal sealed record TargetProbeResult(TargetAnswer Answer, string Detail);

/// <summary>
/// Whether the target is there before a run starts: one TCP connect to its host and port, closed at once (no
/// WebSocket upgrade, so a server counts no connection), given <see cref="Timeout"/>.
/// </summary>
internal static class TargetProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<TargetProbeResult> ProbeAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(url.DnsSafeHost, url.Port, timeout.Token).ConfigureAwait(false);
            return new TargetProbeResult(TargetAnswer.Accepted, "accepts connections");
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new TargetProbeResult(TargetAnswer.Refused, "refused the connection: nothing listens there");
        }
        catch (SocketException e)
        {
            return new TargetProbeResult(TargetAnswer.NoAnswer, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TargetProbeResult(TargetAnswer.NoAnswer, $"no answer in {Timeout.TotalSeconds:0} s");
        }
    }
}
