using System.Net.Sockets;
using WsLoad.Engine;
using WsLoad.Engine.WarmUp;
using WsLoad.Planning;

namespace WsLoad.Workers;

/// <summary>
/// The worker side of a run in several processes (<c>wsload worker</c>, started by <see cref="WorkerController"/>):
/// connects to the controller's Unix socket, runs the segment it is assigned with the same engine as a one-process
/// run, streams each interval to the controller and ends with its final record. The controller is the only judge: a
/// worker writes no run.json.
/// </summary>
public static class WorkerHost
{
    /// <summary>Runs one worker to its end; the exit code is 0 when it ran, 2 when it could not run what it was given.</summary>
    public static async Task<int> RunAsync(string controllerSocket, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(controllerSocket);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(controllerSocket), cancellationToken);
        await using var channel = new WorkerChannel(new NetworkStream(socket, ownsSocket: true));
        await channel.SendAsync(new WorkerHello(name, Environment.ProcessId), cancellationToken);
        if (await channel.ReceiveAsync(cancellationToken) is not WorkerAssignment assignment)
        {
            return ExitCodes.CouldNotRun; // the controller went away or stopped us before the start
        }

        var scenario = assignment.Scenario;
        var problems = LoadTest.Validate(scenario).Concat(SourceAddressBindCheck.Check(scenario.Connections.SourceAddresses)).ToList();
        if (problems.Count > 0)
        {
            await channel.SendAsync(new WorkerFailed(name, string.Join("; ", problems)), cancellationToken);
            return ExitCodes.CouldNotRun;
        }

        var warmUp = assignment.WarmUp ? await GeneratorWarmUp.RunOnceAsync(scenario, cancellationToken) : null;
        await channel.SendAsync(new WorkerReady(name), cancellationToken);
        if (await channel.ReceiveAsync(cancellationToken) is not WorkerStart start)
        {
            return ExitCodes.CouldNotRun;
        }

        // The start barrier: every worker's clock starts at the controller's instant, so interval n of each worker
        // covers the same second and the controller can merge them.
        var wait = start.At - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sink = new WorkerIntervalSink(channel);
        var options = new LoadTestOptions
        {
            Sinks = [sink],
            Segment = ExecutionSegment.Parse(assignment.Segment, assignment.Sequence),
            ProcessName = name,
            ServerProcessId = assignment.ServerProcessId,
            ServerStatsUrl = assignment.ServerStatsUrl,
            CommandLine = Secrets.SecretRedaction.CurrentCommandLine(),
            JudgeCheckpoints = false, // the controller judges the merged seconds and sends the actions here
        };
        using var run = new LoadTestRun(scenario, options) { WarmUp = warmUp };
        var listening = ListenForStopAsync(channel, stop, run);
        await run.RunAsync(stop.Token);
        var (frame, final) = run.Ending ?? throw new InvalidOperationException("a finished run has its ending");
        await channel.SendAsync(new WorkerDone(final, frame.Status, frame.StatusReason), CancellationToken.None);
        await stop.CancelAsync();
        await listening;
        return 0;
    }

    // A stop from the controller, or the controller gone, ends the run gracefully: its connections close and what it
    // measured is still sent (if the controller is gone, the send fails and nothing is lost that anyone could read).
    // A checkpoint's action from the controller is carried out on this worker's share of the run.
    private static async Task ListenForStopAsync(WorkerChannel channel, CancellationTokenSource stop, LoadTestRun run)
    {
        try
        {
            while (await channel.ReceiveAsync(stop.Token) is { } message)
            {
                if (message is WorkerStop)
                {
                    break;
                }

                if (message is WorkerControl control)
                {
                    switch (control.Action)
                    {
                        case "pause-ramp":
                            run.PauseRamp();
                            break;
                        case "resume-ramp":
                            run.ResumeRamp();
                            break;
                        case "ramp-down":
                            _ = RampDownAsync(run, control.Share ?? 0);
                            break;
                        default:
                            break; // from a newer controller: not ours to guess at
                    }
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or WorkerProtocolException or SocketException)
        {
            // ended by our own stop, or the connection broke: either way the run stops below
        }

        await stop.CancelAsync();
    }

    // The worker knows what it closed: it says so on its own timeline, which reaches the controller with its intervals.
    private static async Task RampDownAsync(LoadTestRun run, double share)
    {
        if (await run.RampDownAsync(share, null) is var (closed, open))
        {
            run.Record(new Results.RunEvent
            {
                AtSeconds = run.ElapsedSeconds,
                Source = Results.RunEventSource.Run,
                Kind = "ramp-down",
                Description = $"a checkpoint ramped this worker down: closed {closed} of {open} open connections, and it opens no more",
                Count = closed,
            });
        }
    }

    /// <summary>A worker's exit codes.</summary>
    private static class ExitCodes
    {
        public const int CouldNotRun = 2;
    }
}
