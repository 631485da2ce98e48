using WsLoad.Connections;

namespace WsLoad.Engine;

/// <summary>
/// Message recovery (<c>messages.recovery</c>): what a slot keeps of its recent sends, resending its unanswered
/// messages after a reconnect, counting those lost when it cannot, and counting a resent message recovered when its
/// reply comes.
/// </summary>
internal sealed partial class LoadTestRun
{
    private MessageSender? _resender;

    /// <summary>Allocates what message recovery and retry need of a slot (its last 64 sends); nothing without them.</summary>
    private void PrepareRecovery(ClientSession session)
    {
        if ((_recovery.Resends || _retrier is not null) && session.RecentIntended is null)
        {
            session.RecentIntended = new long[64];
            session.RecentTypes = new ushort[64];
        }

        if (_recovery.Resends)
        {
            session.Resent ??= [];
        }

        if (_retrier is not null)
        {
            MessageRetrier.Prepare(session);
        }
    }

    /// <summary>
    /// Sends again, in order, the slot's messages that had no reply when it dropped. Only the last 64 sends are known
    /// (the same window the sequence tracker keeps); older unanswered ones are counted as lost. Nothing else sends on the
    /// slot meanwhile: its new connection is handed to the send loop (or window) only afterwards.
    /// </summary>
    private async Task<int> ResendUnansweredAsync(ClientSession session, WsClientConnection connection, CancellationToken runToken)
    {
        var last = Volatile.Read(ref session.LastSequence);
        var highest = session.HighestSequenceSeen;
        var seen = session.SeenWindow;
        var sequences = new List<long>();
        for (var sequence = Math.Max(1, last - 63); sequence <= last; sequence++)
        {
            if (sequence > highest || (seen & (1UL << (int)(highest - sequence))) == 0)
            {
                sequences.Add(sequence);
            }
        }

        var unresendable = Math.Max(0, session.Unanswered - sequences.Count);
        lock (session.Resent!)
        {
            session.Resent.UnionWith(sequences);
        }

        _recovery.Resent(sequences.Count, unresendable);
        _resender ??= new MessageSender(_traffic, _time);
        var random = new Random(session.Id);
        try
        {
            foreach (var sequence in sequences)
            {
                await _resender.ResendAsync(session, connection, sequence, random, alongside: false, runToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Dropped again while resending: what was not answered is resent after the next reconnect.
            _traffic.SendFailed(session, exception);
        }

        return sequences.Count;
    }

    /// <summary>A slot that stays down: its unanswered messages (beyond those already resent once) are lost.</summary>
    private void CountNotResent(ClientSession session)
    {
        if (session.Resent is not { } resent || session.State == ClientSession.Open)
        {
            return;
        }

        int pending;
        lock (resent)
        {
            pending = resent.Count;
        }

        _recovery.Resent(0, Math.Max(0, session.Unanswered - pending));
    }

    private void OnCorrelated(ClientSession session, long sequence)
    {
        if (session.Resent is not { } resent)
        {
            return;
        }

        bool removed;
        lock (resent)
        {
            removed = resent.Count > 0 && resent.Remove(sequence);
        }

        if (removed)
        {
            _recovery.Recovered();
        }
    }
}
