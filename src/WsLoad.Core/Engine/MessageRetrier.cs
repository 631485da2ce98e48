using WsLoad.Connections;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>
/// Retries messages whose answer is overdue on their live connection (<c>messages.retry</c>): a few times a retry wait it
/// looks at the open connections with unanswered messages and sends each overdue one again, alongside the scheduled sends.
/// Also classifies the answers of retried messages: the first counts as recovered; later ones are retry duplicates (the
/// server saw the message twice, as at-least-once delivery allows), not duplicates or reordering by the server.
/// Threading: <see cref="RunAsync"/> scans on one task; each slot's retries run one batch at a time
/// (<see cref="ClientSession.RetryBusy"/>); the answer hooks run on receive loops; counters are Interlocked.
/// </summary>
internal sealed class MessageRetrier(RetryOptions options, MessageSender sender, TimeProvider time, IReadOnlyList<ClientSession?> sessions)
{
    private readonly long[] _waitTicks = [.. Enumerable.Range(1, options.MaxRetries).Select(retry => (long)(options.WaitBefore(retry).TotalSeconds * time.TimestampFrequency))];
    private readonly long _lastWaitTicks = (long)(options.WaitBefore(options.MaxRetries + 1).TotalSeconds * time.TimestampFrequency);
    private long _retransmissions;
    private long _messagesRetried;
    private long _recovered;
    private long _duplicates;

    /// <summary>How often the slots are scanned: a quarter of the first wait, within 5–100 ms.</summary>
    public TimeSpan ScanInterval { get; } = TimeSpan.FromTicks(Math.Clamp(options.After.Ticks / 4, TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromMilliseconds(100).Ticks));

    /// <summary>Allocates what retrying needs of a slot (the send times and retry counts of its last 64 sends).</summary>
    public static void Prepare(ClientSession session)
    {
        session.RecentSentAt ??= new long[64];
        session.RecentRetries ??= new byte[64];
        session.RecentAnswered ??= new long[64];
    }

    /// <summary>
    /// The receive loop's mark that <paramref name="sequence"/> has its answer. One atomic write per answer, so the
    /// retrier never reads half an update (as it could of the sequence tracker's highest-and-window pair).
    /// </summary>
    public static void MarkAnswered(ClientSession session, long sequence)
    {
        if (session.RecentAnswered is { } answered)
        {
            Volatile.Write(ref answered[sequence & 63], sequence);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ScanInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Scan(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One pass over the slots: starts the retries of every message overdue now.</summary>
    public void Scan(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        foreach (var session in sessions)
        {
            if (session is not { State: ClientSession.Open, Connection: { } connection, RecentSentAt: not null } || session.Unanswered == 0)
            {
                continue;
            }

            if (Interlocked.CompareExchange(ref session.RetryBusy, 1, 0) != 0)
            {
                continue; // its previous batch (or a post-reconnect resend) is still sending
            }

            var due = Overdue(session, now);
            if (due is null)
            {
                Volatile.Write(ref session.RetryBusy, 0);
                continue;
            }

            _ = RetryAsync(session, connection, due, cancellationToken);
        }
    }

    /// <summary>
    /// The longest a message can stay unresolved after its first send: every retry wait, plus one more for the answer to
    /// the last retry.
    /// </summary>
    public TimeSpan LongestSchedule => TimeSpan.FromTicks(Enumerable.Range(1, options.MaxRetries + 1).Sum(retry => options.WaitBefore(retry).Ticks));

    /// <summary>
    /// Unanswered messages of an open slot that may still be answered: a retry is still due, or the answer to the last
    /// one may still come (its wait has not run out).
    /// </summary>
    public int Outstanding(ClientSession session)
    {
        if (session is not { State: ClientSession.Open, RecentRetries: { } retries, RecentSentAt: { } sentAt } || session.Unanswered == 0)
        {
            return 0;
        }

        var now = time.GetTimestamp();
        var outstanding = 0;
        var last = Volatile.Read(ref session.LastSequence);
        for (var sequence = FirstTracked(session); sequence <= last; sequence++)
        {
            if (!IsAnswered(session, sequence)
                && (Volatile.Read(ref retries[sequence & 63]) < options.MaxRetries || now - Volatile.Read(ref sentAt[sequence & 63]) < _lastWaitTicks))
            {
                outstanding++;
            }
        }

        return outstanding;
    }

    /// <summary>Whether <paramref name="sequence"/> of <paramref name="session"/> was retried (within its last 64 sends).</summary>
    public static bool WasRetried(ClientSession session, long sequence) =>
        session.RecentRetries is { } retries
        && Volatile.Read(ref session.LastSequence) - sequence < 64
        && Volatile.Read(ref retries[sequence & 63]) > 0;

    /// <summary>The first answer of a retried message arrived.</summary>
    public void Recovered() => Interlocked.Increment(ref _recovered);

    /// <summary>A further answer of a retried message arrived.</summary>
    public void DuplicateAnswer() => Interlocked.Increment(ref _duplicates);

    /// <summary>The summary block; counts the messages that used up their retries and were never answered.</summary>
    public RetrySummary Summarize()
    {
        long gaveUp = 0;
        foreach (var session in sessions)
        {
            if (session?.RecentRetries is not { } retries)
            {
                continue;
            }

            for (var sequence = FirstTracked(session); sequence <= session.LastSequence; sequence++)
            {
                if (retries[sequence & 63] >= options.MaxRetries && !IsAnswered(session, sequence))
                {
                    gaveUp++;
                }
            }
        }

        return new RetrySummary
        {
            AfterMs = options.After.TotalMilliseconds,
            Backoff = options.Backoff,
            MaxRetries = options.MaxRetries,
            Retransmissions = Interlocked.Read(ref _retransmissions),
            MessagesRetried = Interlocked.Read(ref _messagesRetried),
            MessagesRecovered = Interlocked.Read(ref _recovered),
            DuplicateAnswers = Interlocked.Read(ref _duplicates),
            GaveUp = gaveUp,
        };
    }

    /// <summary>The slot's unanswered messages whose wait has run out, oldest first; null when none.</summary>
    private List<long>? Overdue(ClientSession session, long now)
    {
        // An answer landing just as its overdue message is retried makes a retry duplicate: counted, and rare.
        List<long>? due = null;
        var last = Volatile.Read(ref session.LastSequence);
        for (var sequence = FirstTracked(session); sequence <= last; sequence++)
        {
            var retries = Volatile.Read(ref session.RecentRetries![sequence & 63]);
            if (retries >= _waitTicks.Length || IsAnswered(session, sequence))
            {
                continue;
            }

            if (now - Volatile.Read(ref session.RecentSentAt![sequence & 63]) >= _waitTicks[retries])
            {
                (due ??= []).Add(sequence);
            }
        }

        return due;
    }

    private async Task RetryAsync(ClientSession session, WsClientConnection connection, List<long> due, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var sequence in due)
            {
                var retries = ++session.RecentRetries![sequence & 63];
                if (retries == 1)
                {
                    Interlocked.Increment(ref _messagesRetried);
                }

                await sender.ResendAsync(session, connection, sequence, Random.Shared, alongside: true, cancellationToken);
                Interlocked.Increment(ref _retransmissions);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection closed or dropped meanwhile: its reconnect (if any) resends what is still unanswered.
        }
        finally
        {
            Volatile.Write(ref session.RetryBusy, 0);
        }
    }

    private static long FirstTracked(ClientSession session) =>
        Math.Max(Volatile.Read(ref session.RetryFloor), Volatile.Read(ref session.LastSequence) - 63);

    private static bool IsAnswered(ClientSession session, long sequence) => Volatile.Read(ref session.RecentAnswered![sequence & 63]) == sequence;
}
