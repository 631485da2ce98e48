using WsLoad.Checkpoints;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Checkpoints;

/// <summary>The live sink acting through the run control: pauses held by several checkpoints, events, aborts.</summary>
public class CheckpointSinkTests
{
    [Fact]
    public async Task The_ramp_resumes_only_when_every_pause_ramp_checkpoint_has_cleared()
    {
        var control = new RecordingControl();
        var sink = new CheckpointSink(
        [
            new CheckpointOptions { Name = "a", When = "connections.failed[1s] > 0", Action = CheckpointAction.PauseRamp },
            new CheckpointOptions { Name = "b", When = "connections.dropped[1s] > 0", Action = CheckpointAction.PauseRamp },
        ], control);

        // a holds in seconds 1-2, b in seconds 2-3: the ramp is held from 1 to the end of 3.
        (long Failed, long Dropped)[] seconds = [(1, 0), (1, 1), (0, 1), (0, 0)];
        for (var i = 0; i < seconds.Length; i++)
        {
            sink.OnInterval(new IntervalSnapshot
            {
                Index = i,
                StartSeconds = i,
                EndSeconds = i + 1,
                Counters = new SnapshotCounters { ConnectsFailed = seconds[i].Failed, Dropped = seconds[i].Dropped },
            });
        }

        Assert.True(await sink.DrainAsync(CancellationToken.None));
        Assert.Equal(["pause", "pause", "resume"], control.Calls);
        Assert.Equal(["checkpoint-fired", "checkpoint-fired", "checkpoint-cleared", "checkpoint-cleared"], control.Events.Select(e => e.Kind));
    }

    private sealed class RecordingControl : IRunControl
    {
        public List<string> Calls { get; } = [];

        public List<RunEvent> Events { get; } = [];

        public void Abort(string reason) => Calls.Add("abort: " + reason);

        public void PauseRamp() => Calls.Add("pause");

        public void ResumeRamp() => Calls.Add("resume");

        public Task<(int Closed, int Open)?> RampDownAsync(double? share, int? to)
        {
            Calls.Add("ramp-down");
            return Task.FromResult<(int, int)?>((0, 0));
        }

        public void Record(RunEvent runEvent) => Events.Add(runEvent);
    }
}
