using WsLoad.Engine;
using WsLoad.Metrics;
using WsLoad.Planning;
using WsLoad.Results;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Engine;

/// <summary>
/// A plan run as three execution segments side by side, as three workers would run it: together they open exactly the
/// plan's connections, with ids that never collide, and their snapshots merge into one result.
/// </summary>
public sealed class SegmentedRunTests
{
    [Fact]
    public async Task Three_segments_open_the_plan_once_with_unique_ids_and_merge_into_one_result()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = server.WebSocketUrl },
            Connections = new ConnectionOptions
            {
                Count = 61, // not a multiple of 3: the segments hold 21, 20 and 20
                Ramp = new RampOptions { Strategy = RampStrategy.Linear, Duration = TimeSpan.FromSeconds(1) },
                Hold = TimeSpan.FromSeconds(3),
            },
            Messages = new MessageOptions { TotalRatePerSecond = 600 },
        };

        var segments = ExecutionSegmentSequence.Even(3).Segments;
        var runs = segments.Select(segment => new LoadTestRun(scenario, new LoadTestOptions { Segment = segment, KeepSnapshots = true })).ToList();
        try
        {
            var results = await Task.WhenAll(runs.Select(run => run.RunAsync(cts.Token)));

            // Each segment opened its own share, and the shares add up to the plan.
            Assert.Equal([21L, 20L, 20L], results.Select(r => r.Summary.Connections.Established));
            Assert.Equal(61, server.GetStats().TotalAccepted);

            // Every echo came back to the segment that sent it, correlated by a connection id no other segment used.
            Assert.All(results, r => Assert.Equal((0L, 0L, 0L), (r.Summary.Messages.Corrupted, r.Summary.Messages.Duplicated, r.Summary.Messages.Lost)));
            Assert.All(results, r => Assert.Equal(r.Summary.Messages.Sent, r.Summary.Messages.Received));
            Assert.Equal(server.GetStats().MessagesIn, results.Sum(r => r.Summary.Messages.Sent));

            // The three folds merged interval by interval are one result with the plan's whole count.
            var builder = new RunResultBuilder(scenario);
            var intervals = runs.Min(run => run.EmittedSnapshots.Count);
            for (var index = 0; index < intervals; index++)
            {
                builder.Add(IntervalSnapshotMerge.Merge([.. runs.Select(run => run.EmittedSnapshots[index])]));
            }

            var (frame, _) = runs[0].Ending!.Value;
            var merged = builder.Build(frame, [.. runs.Select(run => run.Ending!.Value.Final)]);
            Assert.Equal(61, merged.Summary.Connections.Peak);
            Assert.Equal(61, merged.Series.Max(s => s.TargetConnections));
            Assert.Contains(merged.Series, s => s.Phase == "hold" && s.OpenConnections == 61);
            Assert.Equal(results.Sum(r => r.Summary.Messages.Received), merged.Summary.Messages.Received + runs.Sum(run => run.EmittedSnapshots.Skip(intervals).Sum(s => s.Counters.Received)));
        }
        finally
        {
            runs.ForEach(run => run.Dispose());
        }
    }
}
