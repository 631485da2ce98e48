using WsLoad.Scenarios;
using WsLoad.Server;
using Xunit.Abstractions;

namespace WsLoad.Tests.Measurement;

/// <summary>
/// Acceptance 3 of "Measurement you can trust": the server corrupts every 100th reply, drops every 50th and duplicates
/// every 200th; the run's lost, corrupted and duplicated counts equal exactly what the server did.
/// </summary>
/// <remarks>
/// The server applies drop, then corrupt, then duplicate, each counting only replies the earlier faults left untouched
/// (see <see cref="ServerFaults"/>), so no reply suffers two faults and each server count maps to one client count.
/// </remarks>
public sealed class IntegrityCountTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(PayloadFormat.Text)]
    [InlineData(PayloadFormat.Binary)]
    public async Task Lost_corrupted_and_duplicated_equal_what_the_server_did(PayloadFormat format)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var faults = new ServerFaults { CorruptEvery = 100, DropEvery = 50, DuplicateEvery = 200 };
        var (result, server) = await MeasurementRuns.RunAsync(faults, url => MeasurementRuns.ConstantRate(url, connections: 20, ratePerSecond: 50, TimeSpan.FromSeconds(3)) with
        {
            Messages = new MessageOptions { RatePerSecond = 50, Types = [new MessageType { Format = format, Size = SizeSpec.Fixed(120) }] },
        }, cts.Token);

        var messages = result.Summary.Messages;
        output.WriteLine($"sent={messages.Sent} received={messages.Received} lost={messages.Lost} corrupted={messages.Corrupted} duplicated={messages.Duplicated} outOfOrder={messages.OutOfOrder}");
        output.WriteLine($"server: in={server.MessagesIn} out={server.MessagesOut} dropped={server.RepliesDropped} corrupted={server.RepliesCorrupted} duplicated={server.RepliesDuplicated}");

        // Every message reached the server, and the server's counts follow from its rule.
        Assert.Equal(messages.Sent, server.MessagesIn);
        var dropped = server.MessagesIn / 50;
        var corrupted = (server.MessagesIn - dropped) / 100;
        var duplicated = (server.MessagesIn - dropped - corrupted) / 200;
        Assert.Equal((dropped, corrupted, duplicated), (server.RepliesDropped, server.RepliesCorrupted, server.RepliesDuplicated));
        Assert.True(dropped >= 40 && corrupted >= 20 && duplicated >= 10, "the run is long enough for every fault to fire several times");

        Assert.Equal(server.RepliesCorrupted, messages.Corrupted);
        Assert.Equal(server.RepliesDuplicated, messages.Duplicated);
        Assert.Equal(0, messages.OutOfOrder);
        Assert.Equal(server.RepliesDropped, messages.Lost); // a corrupted reply arrived: it is corrupted, not lost
    }
}
