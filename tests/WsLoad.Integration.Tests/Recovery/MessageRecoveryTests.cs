using WsLoad.Scenarios;
using WsLoad.Server;
using Xunit.Abstractions;

namespace WsLoad.Tests.Recovery;

/// <summary>
/// Acceptance 3 of issue 6: messages in flight when connections drop are resent and answered (lost = 0), or, without
/// message recovery, lost. The in-flight count at the drop is known exactly: a closed loop of 4 messages per connection
/// against a server that stalls (holds every reply) from 1.5 s to 3.5 s, so at the drop (2.5 s) each of the 50 dropped
/// connections has exactly its 4 messages outstanding.
/// </summary>
public sealed class MessageRecoveryTests(ITestOutputHelper output)
{
    private const int Connections = 200;
    private const int InFlight = 4;
    private const int Dropped = 50;

    private static readonly ServerFaults Faults = new()
    {
        StallAt = TimeSpan.FromSeconds(1.5),
        StallFor = TimeSpan.FromSeconds(2),
        DropAt = TimeSpan.FromSeconds(2.5),
        DropCount = Dropped,
    };

    [Theory]
    [InlineData(MessageRecovery.Resend)]
    [InlineData(MessageRecovery.None)]
    public async Task Messages_in_flight_at_a_drop_are_resent_and_recovered_or_counted_lost(MessageRecovery recovery)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Scenario Load(Uri url) => new()
        {
            Target = new TargetOptions { Url = url },
            Connections = new ConnectionOptions
            {
                Count = Connections,
                Ramp = new RampOptions { Duration = TimeSpan.Zero },
                Hold = TimeSpan.FromSeconds(5),
                Reconnect = RecoveryRuns.FastExponential,
            },
            Messages = new MessageOptions { InFlight = InFlight, Recovery = recovery, Timeout = TimeSpan.FromSeconds(10) },
        };

        var (result, server) = await RecoveryRuns.RunAsync(Faults, Load, cts.Token);

        var summary = result.Summary.Recovery!;
        output.WriteLine(RecoveryRuns.Describe(summary));
        output.WriteLine($"messages: sent={result.Summary.Messages.Sent} received={result.Summary.Messages.Received} lost={result.Summary.Messages.Lost}");
        Assert.Equal(Dropped, server.AbortedByFault);
        Assert.Equal((Dropped, Dropped), (summary.Drops, summary.Reconnects));
        Assert.Equal(Dropped * InFlight, summary.InFlightAtDrops);
        if (recovery == MessageRecovery.Resend)
        {
            Assert.Equal(Dropped * InFlight, summary.MessagesResent);
            Assert.Equal(Dropped * InFlight, summary.MessagesRecovered);
            Assert.Equal(0, summary.MessagesLost);
            Assert.Equal(0, result.Summary.Messages.Lost);
        }
        else
        {
            Assert.Equal(0, summary.MessagesResent);
            Assert.Equal(Dropped * InFlight, summary.MessagesLost);
            Assert.Equal(Dropped * InFlight, result.Summary.Messages.Lost);
        }

        Assert.Equal(0, result.Summary.Messages.Duplicated + result.Summary.Messages.Corrupted);

        // run.json carries the block and it fits its schema (only the summary is checked here: the schema's generator
        // saturation reasons lag behind the engine's, which is not this test's concern).
        var json = WsLoad.Results.RunResultJson.Serialize(result);
        output.WriteLine(System.Text.Json.Nodes.JsonNode.Parse(json)!["summary"]!["recovery"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        Assert.DoesNotContain(WsLoad.Tests.Acceptance.RunJsonSchema.Validate(json), e => e.StartsWith("/summary", StringComparison.Ordinal));
        Assert.Contains(result.Events, e => e is { Kind: "connections-dropped", Count: Dropped });
    }
}
