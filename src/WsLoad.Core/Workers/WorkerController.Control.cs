using System.Collections.Concurrent;
using System.Net.Sockets;
using WsLoad.Checkpoints;
using WsLoad.Results;
using WsLoad.Sinks;

namespace WsLoad.Workers;

/// <summary>
/// The controller's side of the checkpoints: it judges the merged seconds (so a condition reads the whole run, not one
/// worker's share) and passes each action on to every worker (<see cref="WorkerControl"/>). An abort stops the
/// workers and ends the run as aborted, naming the checkpoint.
/// </summary>
public sealed partial class WorkerController : IRunControl
{
    private readonly ConcurrentQueue<RunEvent> _controlEvents = new();
    private string? _checkpointAbort;
    private long _lastOpen;
    private DateTimeOffset _startedAt;

    private IEnumerable<IRunSink> CreateSinks() =>
        _scenario.Checkpoints.Count > 0
            ? [.. _options.Sinks, new CheckpointSink(_scenario.Checkpoints, this, _options.OnNotice)]
            : _options.Sinks;

    void IRunControl.Abort(string reason)
    {
        if (Interlocked.CompareExchange(ref _checkpointAbort, reason, null) is null)
        {
            _controlEvents.Enqueue(new RunEvent { AtSeconds = ElapsedSeconds(), Source = RunEventSource.Run, Kind = "run-aborted", Description = reason });
            _ = StopAllAsync(reason);
        }
    }

    void IRunControl.PauseRamp() => _ = SendToAllAsync(new WorkerControl("pause-ramp"));

    void IRunControl.ResumeRamp() => _ = SendToAllAsync(new WorkerControl("resume-ramp"));

    async Task<(int Closed, int Open)?> IRunControl.RampDownAsync(double? share, int? to)
    {
        // "Down to a count" becomes the share of the merged open count that each worker closes of its own.
        var open = Volatile.Read(ref _lastOpen);
        var fraction = share ?? (open > 0 ? Math.Clamp((open - (double)(to ?? open)) / open, 0, 1) : 0);
        if (fraction > 0)
        {
            await SendToAllAsync(new WorkerControl("ramp-down", fraction));
        }

        return null; // each worker records what it closed on its own timeline
    }

    void IRunControl.Record(RunEvent runEvent) => _controlEvents.Enqueue(runEvent);

    private double ElapsedSeconds() => Math.Round(Math.Max(0, (DateTimeOffset.UtcNow - _startedAt).TotalSeconds), 3);

    private async Task SendToAllAsync(WorkerMessage message)
    {
        foreach (var worker in _workers.Where(w => w.Channel is not null && w.Done is null && !w.Lost))
        {
            try
            {
                await worker.Channel!.SendAsync(message, CancellationToken.None);
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException)
            {
                // already gone; its reader reports it
            }
        }
    }
}
