using WsLoad.Scenarios;

namespace WsLoad.Tests.Recovery;

/// <summary>Every scenario template shipped in examples/templates loads without errors; the recovery ones are there.</summary>
public class TemplateScenariosTests
{
    public static TheoryData<string> TemplateFiles() => new(TemplateFileNames());

    [Fact]
    public void The_recovery_templates_exist() =>
        Assert.Superset(new HashSet<string> { "connection-recovery.yaml", "message-recovery.yaml", "cascade.yaml", "acknowledged-delivery.yaml" }, TemplateFileNames().ToHashSet());

    [Fact]
    public void Every_template_the_tool_promises_is_shipped() =>
        Assert.Superset(
            new HashSet<string> { "graceful-degradation.yaml", "peak-load.yaml", "burst-traffic.yaml", "resource-exhaustion.yaml" },
            TemplateFileNames().ToHashSet());

    [Fact]
    public void The_degradation_template_worsens_the_network_and_the_burst_template_bursts()
    {
        Assert.True(ScenarioLoader.LoadFile(Path.Combine(TemplatesFolder(), "graceful-degradation.yaml")).Network!.Toxics.Count >= 3);
        Assert.Equal(2, ScenarioLoader.LoadFile(Path.Combine(TemplatesFolder(), "burst-traffic.yaml")).Messages.Bursts.Count);
    }

    [Fact]
    public void The_fan_out_templates_are_a_chat_room_a_live_feed_and_a_notification_push()
    {
        string[] names = ["chat-room.yaml", "live-feed.yaml", "notification-push.yaml"];
        Assert.Equal(
            [ExpectMode.Broadcast, ExpectMode.Broadcast, ExpectMode.Push],
            names.Select(name => ScenarioLoader.LoadFile(Path.Combine(TemplatesFolder(), name)).Messages.Expect));
    }

    [Theory]
    [MemberData(nameof(TemplateFiles))]
    public void Every_template_loads_without_errors(string fileName)
    {
        try
        {
            _ = ScenarioLoader.LoadFile(Path.Combine(TemplatesFolder(), fileName));
        }
        catch (ScenarioException e)
        {
            Assert.Fail(string.Join(Environment.NewLine, e.Errors));
        }
    }

    [Fact]
    public void The_recovery_templates_reconnect_and_message_recovery_resends()
    {
        Assert.All(["connection-recovery.yaml", "message-recovery.yaml", "cascade.yaml"], name =>
            Assert.True(ScenarioLoader.LoadFile(Path.Combine(TemplatesFolder(), name)).Connections.Reconnect.Enabled, name));
        Assert.Equal(MessageRecovery.Resend, ScenarioLoader.LoadFile(Path.Combine(TemplatesFolder(), "message-recovery.yaml")).Messages.Recovery);
    }

    private static string[] TemplateFileNames() =>
        [.. Directory.EnumerateFiles(TemplatesFolder(), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static string TemplatesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WsLoad.slnx")))
                return Path.Combine(dir.FullName, "examples", "templates");
        }

        throw new InvalidOperationException("WsLoad.slnx not found above " + AppContext.BaseDirectory);
    }
}
