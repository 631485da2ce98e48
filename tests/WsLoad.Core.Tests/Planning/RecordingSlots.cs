using WsLoad.Planning;

namespace WsLoad.Tests.Planning;

/// <summary>
/// A fake of the engine's slots: records Open/Close calls, notes any call out of order, and lets a test wait,
/// without sleeping, until a given number of opens and closes has been seen.
/// </summary>
internal sealed class RecordingSlots(int slotCount) : IConnectionSlots
{
    private readonly Lock gate = new();
    private readonly bool[] isOpen = new bool[slotCount];
    private readonly List<string> violations = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Opened { get; private set; }

    public int Closed { get; private set; }

    public int OpenNow => Opened - Closed;

    public bool IsOpen(int slot)
    {
        lock (gate)
        {
            return isOpen[slot];
        }
    }

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (gate)
            {
                return [.. violations];
            }
        }
    }

    public void Open(int slot) => Record(() =>
    {
        if (slot != Opened)
        {
            violations.Add($"opened slot {slot} when slot {Opened} was next");
        }

        isOpen[slot] = true;
        Opened++;
    });

    public void Close(int slot) => Record(() =>
    {
        if (slot != slotCount - 1 - Closed)
        {
            violations.Add($"closed slot {slot} when slot {slotCount - 1 - Closed} was next");
        }

        if (!isOpen[slot])
        {
            violations.Add($"closed slot {slot} which was not open");
        }

        isOpen[slot] = false;
        Closed++;
    });

    /// <summary>Completes once exactly this many opens and closes have been recorded; fails on the token.</summary>
    public async Task WaitForAsync(int opened, int closed, CancellationToken ct)
    {
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (Opened == opened && Closed == closed)
                {
                    return;
                }

                next = changed.Task;
            }

            try
            {
                await next.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"waited for {opened} opened and {closed} closed, saw {Opened} and {Closed}");
            }
        }
    }

    private void Record(Action change)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            change();
            signal = changed;
            changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.SetResult();
    }
}
