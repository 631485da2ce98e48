using System.Buffers.Binary;
using WsLoad.Metrics;
using WsLoad.Results;
using WsLoad.Tests.Metrics;
using WsLoad.Workers;

namespace WsLoad.Tests.Workers;

public sealed class WorkerFrameCodecTests
{
    [Fact]
    public async Task Every_kind_of_message_round_trips_in_order_through_one_stream()
    {
        var run = SyntheticRun.Generate(seed: 5, connectionCount: 80);
        var snapshot = SyntheticRun.Snapshot(2, run.Connections, "worker-2");
        var final = new ProcessFinalRecord
        {
            Process = "worker-2",
            Unanswered = 3,
            UnansweredAtClose = 1,
            FailureEvents = [new FailureEvent { AtSeconds = 1.5, Class = "connect-refused", ConnectionId = 7 }],
            FirstAttemptSeconds = 0.01,
        };
        WorkerMessage[] messages =
        [
            new WorkerHello("worker-2", 4242),
            new WorkerAssignment(Scenario, "1/3:2/3", "0,1/3,2/3,1", WarmUp: true, ServerProcessId: 77, ServerStatsUrl: new Uri("http://127.0.0.1:9/stats")),
            new WorkerReady("worker-2"),
            new WorkerStart(new DateTimeOffset(2026, 12, 5, 18, 0, 0, 250, TimeSpan.Zero)),
            new WorkerInterval(snapshot),
            new WorkerDone(final, RunStatus.Interrupted, "interrupted by the user"),
            new WorkerFailed("worker-3", "connections.sourceAddresses[0]: 192.0.2.1 cannot be bound"),
            new WorkerStop("the controller was interrupted"),
        ];
        using var stream = new MemoryStream();
        foreach (var message in messages)
        {
            await WorkerFrameCodec.WriteAsync(stream, message);
        }

        stream.Position = 0;
        var back = new List<WorkerMessage>();
        while (await WorkerFrameCodec.ReadAsync(stream) is { } message)
        {
            back.Add(message);
        }

        Assert.Equal(messages.Select(m => m.GetType()), back.Select(m => m.GetType()));
        Assert.Equal(messages[0], back[0]);
        Assert.Equal(messages[2], back[2]);
        Assert.Equal(messages[3], back[3]);
        Assert.Equal(messages[6], back[6]);
        Assert.Equal(messages[7], back[7]);

        // The scenario arrives whole: the worker computes its share from it.
        var assignment = Assert.IsType<WorkerAssignment>(back[1]);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(Scenario, RunResultJson.Options),
            System.Text.Json.JsonSerializer.Serialize(assignment.Scenario, RunResultJson.Options));
        Assert.Equal("1", assignment.Scenario.Target.Headers["X-Test"]);
        Assert.Equal(("1/3:2/3", "0,1/3,2/3,1", true, 77), (assignment.Segment, assignment.Sequence, assignment.WarmUp, assignment.ServerProcessId));
        Assert.Equal(new Uri("http://127.0.0.1:9/stats"), assignment.ServerStatsUrl);

        // The snapshot keeps every count and histogram bucket: its wire form is the same after the trip.
        var interval = Assert.IsType<WorkerInterval>(back[4]);
        Assert.Equal(IntervalSnapshotJson.Serialize(snapshot), IntervalSnapshotJson.Serialize(interval.Snapshot));
        Assert.Equal(snapshot.Histogram(HistogramNames.Rtt), interval.Snapshot.Histogram(HistogramNames.Rtt));

        var done = Assert.IsType<WorkerDone>(back[5]);
        Assert.Equal(RunStatus.Interrupted, done.Status);
        Assert.Equal("interrupted by the user", done.StatusReason);
        Assert.Equal(3, done.Final.Unanswered);
        Assert.Equal(1, done.Final.UnansweredAtClose);
        Assert.Equal(7, Assert.Single(done.Final.FailureEvents).ConnectionId);
    }

    [Fact]
    public async Task A_frame_of_another_version_is_refused_with_what_to_do()
    {
        var bytes = await Frame(new WorkerReady("w"));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), WorkerFrameCodec.Version + 1);

        var error = await Assert.ThrowsAsync<WorkerProtocolException>(() => WorkerFrameCodec.ReadAsync(new MemoryStream(bytes)).AsTask());

        Assert.Contains($"protocol version {WorkerFrameCodec.Version + 1}", error.Message, StringComparison.Ordinal);
        Assert.Contains("same wsload build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_a_worker_frame_are_refused()
    {
        var error = await Assert.ThrowsAsync<WorkerProtocolException>(() =>
            WorkerFrameCodec.ReadAsync(new MemoryStream("GET / HTTP/1.1\r\n"u8.ToArray())).AsTask());

        Assert.Contains("not a wsload worker frame", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)] // inside the header
    [InlineData(12)] // inside the body
    public async Task A_stream_that_ends_inside_a_frame_is_an_error_not_the_end(int keep)
    {
        var bytes = await Frame(new WorkerStop("done"));

        var error = await Assert.ThrowsAsync<WorkerProtocolException>(() => WorkerFrameCodec.ReadAsync(new MemoryStream(bytes[..keep])).AsTask());

        Assert.Contains("the stream ended", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_length_past_the_limit_is_refused_before_anything_is_allocated_for_it()
    {
        var bytes = await Frame(new WorkerStop("done"));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), WorkerFrameCodec.MaxBodyBytes + 1);

        var error = await Assert.ThrowsAsync<WorkerProtocolException>(() => WorkerFrameCodec.ReadAsync(new MemoryStream(bytes)).AsTask());

        Assert.Contains("larger than a frame may be", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_a_message_is_refused()
    {
        var body = """{"type":"no-such-message"}"""u8.ToArray();
        var bytes = new byte[8 + body.Length];
        "WL"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), WorkerFrameCodec.Version);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), (uint)body.Length);
        body.CopyTo(bytes.AsSpan(8));

        var error = await Assert.ThrowsAsync<WorkerProtocolException>(() => WorkerFrameCodec.ReadAsync(new MemoryStream(bytes)).AsTask());

        Assert.Contains("body is not a message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_stream_is_a_clean_end()
    {
        Assert.Null(await WorkerFrameCodec.ReadAsync(new MemoryStream()));
    }

    private static WsLoad.Scenarios.Scenario Scenario { get; } = new()
    {
        Name = "sharded",
        Target = new WsLoad.Scenarios.TargetOptions { Url = new Uri("ws://127.0.0.1:8080/ws"), Headers = new Dictionary<string, string> { ["X-Test"] = "1" } },
        Connections = new WsLoad.Scenarios.ConnectionOptions { Count = 4000, Hold = TimeSpan.FromSeconds(30), SourceAddresses = ["127.0.0.1-4"] },
        Messages = new WsLoad.Scenarios.MessageOptions { RatePerSecond = 2, Types = [new WsLoad.Scenarios.MessageType { Name = "chat", Weight = 3 }, new WsLoad.Scenarios.MessageType { Name = "blob", Format = WsLoad.Scenarios.PayloadFormat.Binary }] },
        Thresholds = ["rtt{phase:hold}.p99 < 100ms"],
    };

    private static async Task<byte[]> Frame(WorkerMessage message)
    {
        using var stream = new MemoryStream();
        await WorkerFrameCodec.WriteAsync(stream, message);
        return stream.ToArray();
    }
}
