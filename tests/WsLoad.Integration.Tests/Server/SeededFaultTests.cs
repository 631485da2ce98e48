using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Server.Faults;

namespace WsLoad.Tests.Server;

/// <summary>The seeded faults: percentages hit exactly their share, delay distributions have their mean, accepts are held.</summary>
public class SeededFaultTests
{
    [Fact]
    public async Task Corrupt_percent_corrupts_exactly_that_share_of_the_replies()
    {
        using var cts = TestClient.Timeout(30);
        var faults = new ServerFaults { CorruptPercent = 2.5, Seed = 42 };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        const int messages = 2_000; // 50 strata of 40 replies: exactly one corrupt reply in each

        var corrupted = 0;
        for (var i = 0; i < messages; i++)
        {
            var sent = $"message-{i:D5}";
            await TestClient.SendTextAsync(client, sent, cts.Token);
            corrupted += await TestClient.ReceiveTextAsync(client, cts.Token) == sent ? 0 : 1;
        }

        Assert.Equal(50, corrupted);
        Assert.Equal(50, server.GetStats().RepliesCorrupted);
    }

    [Fact]
    public async Task Refuse_percent_refuses_exactly_that_share_of_the_upgrades_with_the_status()
    {
        using var cts = TestClient.Timeout(30);
        var faults = new ServerFaults { RefusePercent = 25, RefuseUpgradeStatus = 429, Seed = 7 };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);

        var refused = 0;
        for (var i = 0; i < 40; i++)
        {
            using var client = new ClientWebSocket();
            client.Options.CollectHttpResponseDetails = true;
            try
            {
                await client.ConnectAsync(server.WebSocketUrl, cts.Token);
                await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
            catch (WebSocketException)
            {
                Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, client.HttpStatusCode);
                refused++;
            }
        }

        Assert.Equal(10, refused);
        Assert.Equal(10, server.GetStats().UpgradesRefused);
    }

    [Fact]
    public async Task Close_percent_closes_exactly_that_share_of_the_connections_with_the_code_after_their_first_message()
    {
        using var cts = TestClient.Timeout(30);
        var faults = new ServerFaults { ClosePercent = 20, CloseCode = (WebSocketCloseStatus)4000, Seed = 3 };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);

        var closed = 0;
        for (var i = 0; i < 25; i++)
        {
            using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
            await TestClient.SendTextAsync(client, "first", cts.Token);
            Assert.Equal("first", await TestClient.ReceiveTextAsync(client, cts.Token)); // the first message is still answered
            await TestClient.SendTextAsync(client, "second", cts.Token);
            var (data, type) = await TestClient.ReceiveAnyAsync(client, cts.Token);
            if (type == WebSocketMessageType.Close)
            {
                Assert.Equal((WebSocketCloseStatus)4000, client.CloseStatus);
                closed++;
                await client.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
            else
            {
                Assert.Equal("second", Encoding.UTF8.GetString(data));
                await client.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cts.Token);
            }
        }

        Assert.Equal(5, closed);
        Assert.Equal(5, server.GetStats().ClosedByFault);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(33.33)]
    [InlineData(99.99)]
    public void Seeded_percent_hits_exactly_its_share_of_whole_strata_and_repeats_with_the_seed(double percent)
    {
        const int decisions = 1_000_000; // a whole number of strata for each percentage above
        var first = new SeededPercent(percent, seed: 11);
        var again = new SeededPercent(percent, seed: 11);
        var hits = 0;
        var same = true;
        for (var i = 0; i < decisions; i++)
        {
            var hit = first.Next();
            same &= hit == again.Next();
            hits += hit ? 1 : 0;
        }

        Assert.Equal((int)Math.Round(decisions * percent / 100), hits);
        Assert.True(same, "the same seed must hit the same decisions");
    }

    [Theory]
    [InlineData("10ms-40ms")]
    [InlineData("normal:50ms/10ms")]
    [InlineData("exp:20ms")]
    [InlineData("25ms")]
    public void Drawn_delays_have_the_distributions_mean_within_four_standard_errors(string text)
    {
        Assert.True(DelaySpec.TryParse(text, out var spec));
        const int samples = 20_000;
        var sampler = new DelaySampler(spec, seed: 5);
        var values = Enumerable.Range(0, samples).Select(_ => sampler.Next().TotalMilliseconds).ToArray();
        var expectedSd = spec.Distribution switch
        {
            DelayDistribution.Uniform => (spec.Second - spec.First).TotalMilliseconds / Math.Sqrt(12),
            DelayDistribution.Normal => spec.Second.TotalMilliseconds,
            DelayDistribution.Exponential => spec.First.TotalMilliseconds,
            _ => 0,
        };

        var tolerance = 4 * expectedSd / Math.Sqrt(samples) + 1e-9;
        Assert.InRange(values.Average(), spec.Mean.TotalMilliseconds - tolerance, spec.Mean.TotalMilliseconds + tolerance);
        Assert.All(values, v => Assert.True(v >= 0));
    }

    [Fact]
    public void A_normal_delay_is_clamped_at_zero()
    {
        const int samples = 20_000;
        var sampler = new DelaySampler(new DelaySpec(DelayDistribution.Normal, TimeSpan.Zero, TimeSpan.FromMilliseconds(10)), seed: 9);
        var values = Enumerable.Range(0, samples).Select(_ => sampler.Next().TotalMilliseconds).ToArray();

        // max(0, N(0, σ)) has mean σ/√(2π) and standard deviation σ·√(1/2 − 1/(2π)).
        var mean = 10 / Math.Sqrt(2 * Math.PI);
        var tolerance = 4 * 10 * Math.Sqrt(0.5 - (1 / (2 * Math.PI))) / Math.Sqrt(samples);
        Assert.All(values, v => Assert.True(v >= 0));
        Assert.InRange(values.Average(), mean - tolerance, mean + tolerance);
        Assert.InRange(values.Count(v => v == 0), samples * 0.45, samples * 0.55);
    }

    [Fact]
    public async Task A_slow_accept_holds_the_upgrade_response_for_the_delay()
    {
        using var cts = TestClient.Timeout();
        var delay = TimeSpan.FromMilliseconds(300);
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = new ServerFaults { AcceptDelay = delay } }, cts.Token);

        var upgrade = Stopwatch.StartNew();
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);
        upgrade.Stop();

        // A lower bound only: the server answers 101 no sooner than the delay (timers may round a hair down, hence 5 ms).
        Assert.True(upgrade.Elapsed >= delay - TimeSpan.FromMilliseconds(5), $"upgrade took {upgrade.Elapsed.TotalMilliseconds} ms");
        await TestClient.SendTextAsync(client, "ok", cts.Token);
        Assert.Equal("ok", await TestClient.ReceiveTextAsync(client, cts.Token));
    }
}
