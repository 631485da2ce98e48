using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WsLoad.Cli;
using WsLoad.Cli.Commands;
using WsLoad.Scenarios;
using WsLoad.Server;

namespace WsLoad.Tests.Server;

/// <summary>
/// The CPU-per-message fault: its flag, its admin JSON field and scenario field, its validation, and a real echo that
/// pays it and counts it. That the cost is CPU the server's process really uses is shown by
/// <see cref="Analysis.ServerCpuRootCauseTests"/>, which samples the server process's CPU.
/// </summary>
public sealed class CpuPerMessageFaultTests
{
    [Fact]
    public async Task Each_echoed_message_pays_the_cost_and_is_counted()
    {
        using var cts = TestClient.Timeout();
        var faults = new ServerFaults { CpuPerMessage = TimeSpan.FromMilliseconds(20) };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        for (var i = 0; i < 5; i++)
        {
            await TestClient.SendTextAsync(client, $"m{i}", cts.Token);
            Assert.Equal($"m{i}", await TestClient.ReceiveTextAsync(client, cts.Token));
        }

        var stats = server.GetStats();
        Assert.Equal(5, stats.CpuBurnedMessages);
        Assert.InRange(stats.CpuBurnedMilliseconds, 100, 5_000);
    }

    [Fact]
    public void The_flag_maps_to_the_fault()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(2.5), Map("--cpu-per-message", "2.5ms").Faults.CpuPerMessage);
    }

    [Theory]
    [InlineData("500us")]
    [InlineData("500\u00B5s")]
    [InlineData("500\u03BCs")]
    public void The_flag_takes_microseconds(string value)
    {
        Assert.Equal(TimeSpan.FromMicroseconds(500), Map("--cpu-per-message", value).Faults.CpuPerMessage);
    }

    [Theory]
    [InlineData("--cpu-per-message must be above 0 and at most 1s (e.g. 2ms), got 0ms", "--cpu-per-message", "0ms")]
    [InlineData("--cpu-per-message must be above 0 and at most 1s (e.g. 2ms), got 1500ms", "--cpu-per-message", "1.5s")]
    [InlineData("--cpu-per-message only applies to --mode echo", "--mode", "broadcast", "--cpu-per-message", "2ms")]
    public void Bad_flag_values_are_usage_errors_naming_the_flag(string expected, params string[] args)
    {
        var error = Assert.Throws<CliException>(() => Map(args));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, error.ExitCode);
    }

    [Fact]
    public async Task The_admin_plan_round_trips_the_field()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var http = new HttpClient();

        using var put = await http.PutAsync(AdminUrl(server), Json("""{"cpuPerMessage":"3ms"}"""), cts.Token);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(3), server.CurrentFaults.CpuPerMessage);
        Assert.Equal("3ms", (await http.GetFromJsonAsync<JsonElement>(AdminUrl(server), cts.Token)).GetProperty("cpuPerMessage").GetString());
    }

    [Theory]
    [InlineData(ServerMode.Echo, """{"cpuPerMessage":"0ms"}""", "cpuPerMessage: '0ms' must be above 0 and at most 1s")]
    [InlineData(ServerMode.Echo, """{"cpuPerMessage":"2s"}""", "cpuPerMessage: '2s' must be above 0 and at most 1s")]
    [InlineData(ServerMode.Echo, """{"cpuPerMessage":"busy"}""", "cpuPerMessage: 'busy' is not a duration")]
    [InlineData(ServerMode.Broadcast, """{"cpuPerMessage":"2ms"}""", "CpuPerMessage needs echo mode or ack mode, not Broadcast")]
    public async Task A_bad_admin_value_is_refused_with_its_reason(ServerMode mode, string body, string reason)
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = mode }, cts.Token);
        using var http = new HttpClient();

        using var put = await http.PutAsync(AdminUrl(server), Json(body), cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var errors = await put.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        Assert.Contains(errors.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(TimeSpan.Zero, server.CurrentFaults.CpuPerMessage);
    }

    [Fact]
    public async Task The_options_refuse_a_cost_over_one_second()
    {
        using var cts = TestClient.Timeout();
        var options = new TargetServerOptions { Faults = new ServerFaults { CpuPerMessage = TimeSpan.FromSeconds(2) } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => TargetServer.StartAsync(options, cts.Token));

        Assert.Contains("CpuPerMessage must be 0 (off) to 1s, got 2000ms.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2ms", null)]
    [InlineData("500us", null)]
    [InlineData("0ms", "'0ms' is not a duration above 0 and at most 1s (e.g. 2ms)")]
    [InlineData("1.5s", "'1.5s' is not a duration above 0 and at most 1s (e.g. 2ms)")]
    public void A_scenario_step_checks_the_field(string value, string? expected)
    {
        Assert.Equal(expected, ServerFaultPlanFields.Check("cpuPerMessage", value));
        Assert.Equal("CPU per message 2ms", ServerFaultPlanFields.Describe(new Dictionary<string, string> { ["cpuPerMessage"] = "2ms" }));
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Uri AdminUrl(TargetServer server) => new(server.StatsUrl, "/admin/faults");

    private static TargetServerOptions Map(params string[] args)
    {
        var flags = new ServeFlagOptions();
        var command = new Command("serve");
        flags.AddTo(command);
        var parseResult = command.Parse(args);
        Assert.Empty(parseResult.Errors);
        return TargetServerOptionsFromFlags.Map(flags.Read(parseResult, verbose: false));
    }
}
