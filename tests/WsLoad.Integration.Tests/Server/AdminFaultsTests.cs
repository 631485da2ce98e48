using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WsLoad.Scenarios;
using WsLoad.Server;
using WsLoad.Server.Hosting;

namespace WsLoad.Tests.Server;

/// <summary>GET/PUT/DELETE /admin/faults: the plan round-trips, bad plans are refused with reasons, a new plan acts at once.</summary>
public class AdminFaultsTests
{
    [Fact]
    public async Task A_plan_put_is_the_plan_got_back()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var http = new HttpClient();
        var url = AdminUrl(server);
        const string plan = """{"replyDelay":"normal:50ms/10ms","corruptPercent":1.5,"refuseStatus":503,"refusePercent":10,"closePercent":5,"closeAfterMessages":3,"closeCode":4001,"acceptDelay":"100ms-200ms","seed":42}""";

        using var put = await http.PutAsync(url, new StringContent(plan, Encoding.UTF8, "application/json"), cts.Token);
        var got = await http.GetStringAsync(url, cts.Token);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Normalise(plan), Normalise(got));
        Assert.Equal(Normalise(plan), Normalise(await put.Content.ReadAsStringAsync(cts.Token)));
        Assert.Equal(1.5, server.CurrentFaults.CorruptPercent);
        Assert.Equal(TimeSpan.FromMilliseconds(10), server.CurrentFaults.ReplyDelayDeviation);
    }

    [Fact]
    public async Task Numbers_may_come_as_strings_as_a_scenario_sends_them()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var http = new HttpClient();

        using var put = await http.PutAsync(AdminUrl(server), new StringContent("""{"replyDelay":"50ms-150ms","corruptPercent":"1"}""", Encoding.UTF8, "application/json"), cts.Token);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(1, server.CurrentFaults.CorruptPercent);
        Assert.Equal(TimeSpan.FromMilliseconds(150), server.CurrentFaults.ReplyDelayMax);
    }

    [Theory]
    [InlineData("""{"replyDelay":"soon"}""", "replyDelay: 'soon' is not a delay")]
    [InlineData("""{"corruptPercent":150}""", "CorruptPercent must be 0-100")]
    [InlineData("""{"dropEvry":3}""", "dropEvry")]
    [InlineData("""{"refuseStatus":99}""", "RefuseUpgradeStatus must be an HTTP status 200-599")]
    [InlineData("""{"acceptDelay":"exp:10ms"}""", "acceptDelay: 'exp:10ms' must be a fixed delay")]
    [InlineData("not json", "not a fault plan")]
    public async Task A_bad_plan_is_refused_with_its_reasons_and_the_plan_in_force_stays(string body, string reason)
    {
        using var cts = TestClient.Timeout();
        var faults = new ServerFaults { DropEvery = 7 };
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Faults = faults }, cts.Token);
        using var http = new HttpClient();

        using var put = await http.PutAsync(AdminUrl(server), new StringContent(body, Encoding.UTF8, "application/json"), cts.Token);
        var errors = await put.Content.ReadFromJsonAsync<JsonElement>(cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains(errors.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(reason, StringComparison.Ordinal));
        Assert.Same(faults, server.CurrentFaults);
    }

    [Fact]
    public async Task Reply_faults_are_refused_by_a_server_not_in_echo_mode()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions { Mode = ServerMode.Broadcast }, cts.Token);
        using var http = new HttpClient();

        using var put = await http.PutAsync(AdminUrl(server), new StringContent("""{"replyDelay":"10ms"}""", Encoding.UTF8, "application/json"), cts.Token);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Contains("need echo mode", await put.Content.ReadAsStringAsync(cts.Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_put_acts_on_open_connections_and_delete_clears_it()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var http = new HttpClient();
        using var client = await TestClient.ConnectAsync(server.WebSocketUrl, cts.Token);

        using (var put = await http.PutAsync(AdminUrl(server), new StringContent("""{"corruptEvery":1}""", Encoding.UTF8, "application/json"), cts.Token))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        await TestClient.SendTextAsync(client, "abc", cts.Token);
        Assert.Equal("abb", await TestClient.ReceiveTextAsync(client, cts.Token));

        using var delete = await http.DeleteAsync(AdminUrl(server), cts.Token);
        await TestClient.SendTextAsync(client, "abc", cts.Token);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal("{}", await delete.Content.ReadAsStringAsync(cts.Token));
        Assert.Equal("abc", await TestClient.ReceiveTextAsync(client, cts.Token));
        Assert.Equal("{}", await http.GetStringAsync(AdminUrl(server), cts.Token));
    }

    [Fact]
    public async Task Other_methods_are_not_allowed()
    {
        using var cts = TestClient.Timeout();
        await using var server = await TargetServer.StartAsync(new TargetServerOptions(), cts.Token);
        using var http = new HttpClient();

        using var post = await http.PostAsync(AdminUrl(server), new StringContent("{}"), cts.Token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public void The_scenario_knows_every_field_the_server_takes()
    {
        var serverFields = ServerJsonContext.Default.FaultPlanDocument.Properties.Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(serverFields, ServerFaultPlanFields.Names.Order(StringComparer.Ordinal));
    }

    private static Uri AdminUrl(TargetServer server) => new(server.StatsUrl, "/admin/faults");

    private static string Normalise(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
