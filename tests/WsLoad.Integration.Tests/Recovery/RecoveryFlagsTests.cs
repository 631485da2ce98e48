using WsLoad.Cli;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Recovery;

/// <summary>--reconnect and --message-recovery laid over a scenario.</summary>
public sealed class RecoveryFlagsTests
{
    [Fact]
    public void Reconnect_sets_policy_and_delays_and_keeps_the_files_other_settings()
    {
        var file = new Scenario
        {
            Target = new TargetOptions { Url = new Uri("ws://h/") },
            Connections = new ConnectionOptions { Reconnect = new ReconnectOptions { MaxAttempts = 3, MaxConcurrent = 7 } },
        };
        Assert.True(ScenarioValues.TryParseReconnect("exponential:250ms..2s", out var reconnect));

        var scenario = ScenarioFromFlags.Build(file, new RunFlags { Reconnect = reconnect, MessageRecovery = MessageRecovery.Resend });

        Assert.Equal(
            new ReconnectOptions { Policy = ReconnectPolicy.Exponential, Delay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(2), MaxAttempts = 3, MaxConcurrent = 7 },
            scenario.Connections.Reconnect);
        Assert.Equal(MessageRecovery.Resend, scenario.Messages.Recovery);
    }
}
