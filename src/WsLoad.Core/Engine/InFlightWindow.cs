using WsLoad.Connections;

namespace WsLoad.Engine;

/// <summary>
/// The closed loop: keeps <c>messages.inFlight</c> messages outstanding on each connection, sending the next one as
/// soon as a reply comes back. There is no schedule, so each message is "intended" when it is sent and response time
/// equals service time. Threading: <see cref="Open"/> and <see cref="Answered"/> may run on any thread at once for one
/// connection; a per-connection pump flag makes sure only one of them sends at a time (the driver's contract).
/// </summary>
internal sealed class InFlightWindow(int inFlight, MessageSender sender, TimeProvider time, CancellationToken cancellationToken)
{
    /// <summary>A newly opened connection fills its window.</summary>
    public void Open(ClientSession session) => Owe(session, inFlight);

    /// <summary>
    /// A reconnected connection fills its window, less the <paramref name="alreadyInFlight"/> messages it resent; what
    /// was owed on the connection before the drop is forgotten (it was never sent).
    /// </summary>
    public void Reopen(ClientSession session, int alreadyInFlight)
    {
        Interlocked.Exchange(ref session.Owed, 0);
        Owe(session, Math.Max(0, inFlight - alreadyInFlight));
    }

    /// <summary>A reply arrived (or a damaged one that still names its message): one more may go.</summary>
    public void Answered(ClientSession session) => Owe(session, 1);

    private void Owe(ClientSession session, int count)
    {
        Interlocked.Add(ref session.Owed, count);
        Pump(session);
    }

    private void Pump(ClientSession session)
    {
        while (Interlocked.CompareExchange(ref session.Pumping, 1, 0) == 0)
        {
            while (Volatile.Read(ref session.Owed) > 0 && !cancellationToken.IsCancellationRequested && !session.SendsEndedAt(time.GetTimestamp()))
            {
                if (session.State != ClientSession.Open || session.Connection is not WsClientConnection connection)
                {
                    Volatile.Write(ref session.Pumping, 0);
                    return;
                }

                Interlocked.Decrement(ref session.Owed);
                if (sender.Send(session, connection, time.GetTimestamp(), Random.Shared, cancellationToken) is { } pending)
                {
                    // The rest goes when this send has finished; the pump stays taken until then.
                    _ = pending.ContinueWith(
                        static (_, state) =>
                        {
                            var (window, owner) = ((InFlightWindow, ClientSession))state!;
                            Volatile.Write(ref owner.Pumping, 0);
                            window.Pump(owner);
                        },
                        (this, session),
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                    return;
                }
            }

            Volatile.Write(ref session.Pumping, 0);

            // A reply may have added to the debt after the loop looked and before the flag was released.
            if (Volatile.Read(ref session.Owed) == 0 || cancellationToken.IsCancellationRequested || session.SendsEndedAt(time.GetTimestamp()))
            {
                return;
            }
        }
    }
}
