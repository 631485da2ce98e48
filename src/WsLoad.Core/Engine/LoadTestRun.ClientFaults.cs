using System.Globalization;
using WsLoad.Connections;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>
/// The scenario's <c>clientFaults</c>: at each step's time (on the run's clock) the generator injects a fault into its
/// own connections, chosen deterministically (the open ones with the lowest slot ids), and records one event with the
/// count it touched. A drop is counted as <c>client-fault-drop</c>, not as a drop by the server; a reconnect policy
/// brings those connections back like any other drop.
/// </summary>
internal sealed partial class LoadTestRun
{
    private async Task RunClientFaultsAsync(CancellationToken cancellationToken)
    {
        foreach (var step in _scenario.ClientFaults.OrderBy(s => s.At))
        {
            await WaitUntilAsync(step.At, cancellationToken);

            await ApplyClientFaultAsync(step, cancellationToken);
        }
    }

    private async Task ApplyClientFaultAsync(ClientFaultStep step, CancellationToken cancellationToken)
    {
        var open = OpenSessions();
        if (step.Drop is { } drop)
        {
            var chosen = open.Take(Share(drop, open.Count)).ToList();
            foreach (var session in chosen)
            {
                session.FaultDropped = true;
                session.Connection!.AbortWithReset();
            }

            Record("client-drop", $"aborted {chosen.Count} of {open.Count} open connections (TCP reset, no close frame)", chosen.Count);
        }
        else if (step.SlowReader is { } slow && step.For is { } duration)
        {
            var chosen = open.Take(Share(slow, open.Count)).ToList();
            chosen.ForEach(s => s.Connection!.PauseReading(duration));
            Record("slow-reader", $"{chosen.Count} of {open.Count} open connections stopped reading for {Seconds(duration)} s", chosen.Count, duration);
        }
        else if (step.Pause is { } pause)
        {
            _traffic.PausedUntil = _time.GetTimestamp() + (long)(pause.TotalSeconds * _time.TimestampFrequency);
            Record("send-pause", $"every connection ({open.Count} open) stopped sending for {Seconds(pause)} s", open.Count, pause);
        }
        else if (step.Malformed is { } malformed)
        {
            var sent = await SendEachAsync(open.Take(malformed), (c, ct) => c.SendMalformedFrameAsync(ct), cancellationToken);
            Record("malformed-frames", $"{sent} connection(s) each sent a frame with a reserved opcode", sent);
        }
        else if (step is { Oversized: { } oversized, Size: { } size })
        {
            var sent = await SendEachAsync(open.Take(oversized), (c, ct) => c.SendOversizedAsync(size, ct), cancellationToken);
            Record("oversized-messages", $"{sent} connection(s) each sent a message of {size.ToString("N0", CultureInfo.InvariantCulture)} bytes", sent);
        }
    }

    /// <summary>Sends one fault frame on each connection at once; returns how many were written whole.</summary>
    private static async Task<int> SendEachAsync(
        IEnumerable<ClientSession> sessions, Func<WsClientConnection, CancellationToken, ValueTask> send, CancellationToken cancellationToken)
    {
        var sends = sessions.Select(async session =>
        {
            try
            {
                await send(session.Connection!, cancellationToken);
                return 1;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                return 0; // the connection ended meanwhile (SendRawAsync aborted it)
            }
        });
        return (await Task.WhenAll(sends)).Sum();
    }

    /// <summary>The open connections, lowest slot id first.</summary>
    private List<ClientSession> OpenSessions() =>
        [.. _sessions.OfType<ClientSession>().Where(s => s.State == ClientSession.Open && s.Connection is not null)];

    /// <summary>A fraction of <paramref name="open"/>, rounded half up, and at least one when there is any.</summary>
    private static int Share(double fraction, int open) =>
        open == 0 ? 0 : Math.Clamp((int)Math.Round(fraction * open, MidpointRounding.AwayFromZero), 1, open);

    private void Record(string kind, string description, long count, TimeSpan? duration = null) =>
        _timeline.Record(RunEventSource.Client, kind, description, count, duration);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>
    /// The close of a connection a <c>clientFaults</c> drop aborted: counted as <c>client-fault-drop</c> (not an error,
    /// not a server drop), then treated as a drop for recovery so that a reconnect policy brings it back.
    /// </summary>
    private void OnClientFaultDropClosed(ClientSession session, WsCloseInfo info)
    {
        session.FaultDropped = false;
        _counters.ClosedByClientFault();
        _failures.Record("client-fault-drop", Elapsed(), session.Id, "aborted by a client fault (TCP reset, no close frame)");
        OnEnded(session, info, injected: true);
    }
}
