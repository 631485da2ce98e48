using WsLoad.Cli;
using WsLoad.Scenarios;

namespace WsLoad.Tests.Cli;

public class ScenarioFromFlagsTests
{
    private static readonly Uri Url = new("ws://127.0.0.1:8080/ws");

    [Fact]
    public void Flags_alone_make_a_scenario_with_every_given_value()
    {
        var scenario = ScenarioFromFlags.Build(null, new RunFlags
        {
            Url = Url,
            Connections = 1000,
            Ramp = new RampOptions { Strategy = RampStrategy.Exponential, Duration = TimeSpan.FromSeconds(20) },
            Hold = TimeSpan.FromSeconds(60),
            RampDown = TimeSpan.FromSeconds(5),
            Rate = 1,
            Size = SizeSpec.Fixed(256),
            Binary = true,
            Expect = ExpectMode.None,
            Headers = [new("Authorization", "Bearer x")],
            Subprotocols = ["chat"],
            ConnectTimeout = TimeSpan.FromSeconds(3),
            Insecure = true,
            Thresholds = ["rtt.p99 < 200ms"],
            Name = "smoke",
        });

        Assert.Equal("smoke", scenario.Name);
        Assert.Equal(Url, scenario.Target.Url);
        Assert.Equal("Bearer x", scenario.Target.Headers["Authorization"]);
        Assert.Equal(["chat"], scenario.Target.Subprotocols);
        Assert.Equal(TimeSpan.FromSeconds(3), scenario.Target.ConnectTimeout);
        Assert.True(scenario.Target.Tls.Insecure);
        Assert.Equal(1000, scenario.Connections.Count);
        Assert.Equal(RampStrategy.Exponential, scenario.Connections.Ramp.Strategy);
        Assert.Equal(TimeSpan.FromSeconds(20), scenario.Connections.Ramp.Duration);
        Assert.Equal(TimeSpan.FromSeconds(60), scenario.Connections.Hold);
        Assert.Equal(TimeSpan.FromSeconds(5), scenario.Connections.RampDown);
        Assert.Equal(1, scenario.Messages.RatePerSecond);
        Assert.Null(scenario.Messages.TotalRatePerSecond);
        Assert.Equal(ExpectMode.None, scenario.Messages.Expect);
        var type = Assert.Single(scenario.Messages.Types);
        Assert.Equal(SizeSpec.Fixed(256), type.Size);
        Assert.Equal(PayloadFormat.Binary, type.Format);
        Assert.Equal(["rtt.p99 < 200ms"], scenario.Thresholds);
    }

    [Fact]
    public void Tls_flags_set_the_certificates_with_paths_from_the_working_directory()
    {
        var scenario = ScenarioFromFlags.Build(null, new RunFlags
        {
            Url = new Uri("wss://127.0.0.1:8443/ws"),
            CaCertificate = "ca.pem",
            ClientCertificate = "client.pfx",
            ClientCertificatePassword = "secret",
        });

        var tls = scenario.Target.Tls;
        Assert.Equal(Path.GetFullPath("ca.pem"), tls.CaCertificate);
        Assert.Equal(Path.GetFullPath("client.pfx"), tls.ClientCertificate);
        Assert.Equal("secret", tls.ClientCertificatePassword);
        Assert.False(tls.Insecure);
    }

    [Fact]
    public void In_flight_makes_a_closed_loop_and_drops_the_rate()
    {
        var file = new Scenario { Target = new TargetOptions { Url = Url }, Messages = new MessageOptions { RatePerSecond = 5 } };

        var scenario = ScenarioFromFlags.Build(file, new RunFlags { InFlight = 4 });

        Assert.Equal(4, scenario.Messages.InFlight);
        Assert.Equal(0, scenario.Messages.RatePerSecond);
    }

    [Fact]
    public void Flags_left_out_keep_the_model_defaults()
    {
        var scenario = ScenarioFromFlags.Build(null, new RunFlags { Url = Url });
        var defaults = new Scenario { Target = new TargetOptions { Url = Url } };

        Assert.Equal(defaults.Connections, scenario.Connections);
        Assert.Equal(defaults.Messages.RatePerSecond, scenario.Messages.RatePerSecond);
        Assert.Equal(defaults.Messages.Types, scenario.Messages.Types);
        Assert.Empty(scenario.Thresholds);
    }

    [Fact]
    public void Flags_override_the_file_and_leave_the_rest_of_it_alone()
    {
        var file = new Scenario
        {
            Name = "from-file",
            Target = new TargetOptions
            {
                Url = new Uri("ws://file.test/ws"),
                Headers = new Dictionary<string, string> { ["X-Keep"] = "1", ["X-Replace"] = "old" },
                Subprotocols = ["v1"],
            },
            Connections = new ConnectionOptions { Count = 50, Hold = TimeSpan.FromSeconds(90), MaxConcurrentConnects = 7 },
            Messages = new MessageOptions
            {
                TotalRatePerSecond = 500,
                Types = [new MessageType { Name = "a", Size = SizeSpec.Fixed(10) }, new MessageType { Name = "b", Size = SizeSpec.Fixed(20) }],
            },
            Thresholds = ["rtt.p99 < 1s"],
        };

        var scenario = ScenarioFromFlags.Build(file, new RunFlags
        {
            Connections = 200,
            Rate = 2,
            Size = SizeSpec.Fixed(64),
            Headers = [new("x-replace", "new")],
            Thresholds = ["rtt.p99 < 100ms"],
        });

        Assert.Equal("from-file", scenario.Name);
        Assert.Equal(new Uri("ws://file.test/ws"), scenario.Target.Url);
        Assert.Equal("1", scenario.Target.Headers["X-Keep"]);
        Assert.Equal("new", scenario.Target.Headers["X-Replace"]);
        Assert.Equal(["v1"], scenario.Target.Subprotocols);
        Assert.Equal(200, scenario.Connections.Count);
        Assert.Equal(TimeSpan.FromSeconds(90), scenario.Connections.Hold);
        Assert.Equal(7, scenario.Connections.MaxConcurrentConnects);
        Assert.Equal(2, scenario.Messages.RatePerSecond);
        Assert.Null(scenario.Messages.TotalRatePerSecond);
        Assert.Equal(["a", "b"], scenario.Messages.Types.Select(t => t.Name));
        Assert.All(scenario.Messages.Types, t => Assert.Equal(SizeSpec.Fixed(64), t.Size));
        Assert.All(scenario.Messages.Types, t => Assert.Equal(PayloadFormat.Text, t.Format));
        Assert.Equal(["rtt.p99 < 100ms"], scenario.Thresholds);
    }

    [Fact]
    public void A_ramp_flag_replaces_the_files_arrival_model()
    {
        var file = SampleRuns.Scenario() with
        {
            Connections = new ConnectionOptions { Arrival = new ArrivalOptions { RatePerSecond = 10, Max = 100 } },
        };

        var scenario = ScenarioFromFlags.Build(file, new RunFlags { Ramp = new RampOptions { Strategy = RampStrategy.Burst } });

        Assert.Null(scenario.Connections.Arrival);
        Assert.Equal(RampStrategy.Burst, scenario.Connections.Ramp.Strategy);
    }

    [Fact]
    public void Without_a_file_or_a_url_the_error_names_the_flag()
    {
        var exception = Assert.Throws<ScenarioException>(() => ScenarioFromFlags.Build(null, new RunFlags { Connections = 5 }));

        Assert.Contains(exception.Errors, e => e.Field == "--url");
    }

    [Fact]
    public void Rate_and_total_rate_together_are_an_error()
    {
        var exception = Assert.Throws<ScenarioException>(() => ScenarioFromFlags.Build(null, new RunFlags { Url = Url, Rate = 1, TotalRate = 100 }));

        Assert.Contains(exception.Errors, e => e.Field == "--rate");
    }
}
