using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

public class ScenarioValidatorTests
{
    private static readonly Scenario Valid = new() { Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:8080/ws") } };

    private static Scenario WithMessages(MessageOptions messages) => Valid with { Messages = messages };

    private static Scenario WithConnections(ConnectionOptions connections) => Valid with { Connections = connections };

    public static TheoryData<string, Scenario, string> Invalid => new()
    {
        { "http scheme", Valid with { Target = new TargetOptions { Url = new Uri("http://h/") } }, "target.url" },
        { "zero timeout", Valid with { Target = Valid.Target with { ConnectTimeout = TimeSpan.Zero } }, "target.connectTimeout" },
        { "bad header", Valid with { Target = Valid.Target with { Headers = new Dictionary<string, string> { ["a b"] = "x" } } }, "target.headers.a b" },
        { "missing ca file", Valid with { Target = Valid.Target with { Tls = new TlsOptions { CaCertificate = "/nonexistent/ca.pem" } } }, "target.tls.caCertificate" },
        { "empty name", Valid with { Name = " " }, "name" },
        { "zero count", WithConnections(new ConnectionOptions { Count = 0 }), "connections.count" },
        { "in-flight zero", WithMessages(new MessageOptions { InFlight = 0 }), "messages.inFlight" },
        { "in-flight with a rate", WithMessages(new MessageOptions { InFlight = 1, RatePerSecond = 5 }), "messages.inFlight" },
        { "in-flight without replies", WithMessages(new MessageOptions { InFlight = 1, Expect = ExpectMode.None }), "messages.inFlight" },
        { "negative hold", WithConnections(new ConnectionOptions { Hold = TimeSpan.FromSeconds(-1) }), "connections.hold" },
        { "negative ramp-down", WithConnections(new ConnectionOptions { RampDown = TimeSpan.FromSeconds(-1) }), "connections.rampDown" },
        { "zero steps", WithConnections(new ConnectionOptions { Ramp = new RampOptions { Strategy = RampStrategy.Stepped, Steps = 0 } }), "connections.ramp.steps" },
        { "zero plateau", WithConnections(new ConnectionOptions { Ramp = new RampOptions { Strategy = RampStrategy.Stepped, Plateau = TimeSpan.Zero } }), "connections.ramp.plateau" },
        { "zero exponential duration", WithConnections(new ConnectionOptions { Ramp = new RampOptions { Strategy = RampStrategy.Exponential, Duration = TimeSpan.Zero } }), "connections.ramp.duration" },
        { "zero growth", WithConnections(new ConnectionOptions { Ramp = new RampOptions { Strategy = RampStrategy.Exponential, Growth = 0 } }), "connections.ramp.growth" },
        { "zero burst interval", WithConnections(new ConnectionOptions { Ramp = new RampOptions { Strategy = RampStrategy.Burst, BatchSize = 10, Interval = TimeSpan.Zero } }), "connections.ramp.interval" },
        { "zero arrival rate", WithConnections(new ConnectionOptions { Arrival = new ArrivalOptions { RatePerSecond = 0, Max = 10 } }), "connections.arrival.rate" },
        { "bad source address", WithConnections(new ConnectionOptions { SourceAddresses = ["127.0.0.2", "localhost"] }), "connections.sourceAddresses[1]" },
        { "zero concurrent connects", WithConnections(new ConnectionOptions { MaxConcurrentConnects = 0 }), "connections.maxConcurrentConnects" },
        { "negative rate", WithMessages(new MessageOptions { RatePerSecond = -1 }), "messages.rate" },
        { "negative total rate", WithMessages(new MessageOptions { TotalRatePerSecond = -1 }), "messages.totalRate" },
        { "reply without correlation", WithMessages(new MessageOptions { Expect = ExpectMode.Reply }), "messages.correlationField" },
        { "no types", WithMessages(new MessageOptions { Types = [] }), "messages.types" },
        { "zero weight", WithMessages(new MessageOptions { Types = [new MessageType { Weight = 0 }] }), "messages.types[0].weight" },
        { "duplicate type names", WithMessages(new MessageOptions { Types = [new MessageType(), new MessageType()] }), "messages.types[1].name" },
        { "zero size", WithMessages(new MessageOptions { Types = [new MessageType { Size = SizeSpec.Fixed(0) }] }), "messages.types[0].size" },
        { "min above max", WithMessages(new MessageOptions { Types = [new MessageType { Size = SizeSpec.Range(10, 5) }] }), "messages.types[0].size" },
        { "above 16 MB", WithMessages(new MessageOptions { Types = [new MessageType { Size = SizeSpec.Fixed((16 * 1024 * 1024) + 1) }] }), "messages.types[0].size" },
        { "echo template without stamp", WithMessages(new MessageOptions { Types = [new MessageType { Template = "{{sequence}}" }] }), "messages.types[0].template" },
        { "unclosed placeholder", WithMessages(new MessageOptions { Expect = ExpectMode.None, Types = [new MessageType { Template = "{{sequence" }] }), "messages.types[0].template" },
        { "zero burst duration", WithMessages(new MessageOptions { Bursts = [new BurstPhase { At = TimeSpan.FromSeconds(1) }] }), "messages.bursts[0].duration" },
        { "zero burst multiplier", WithMessages(new MessageOptions { Bursts = [new BurstPhase { Duration = TimeSpan.FromSeconds(1), Multiplier = 0 }] }), "messages.bursts[0].multiplier" },
        { "unknown metric", Valid with { Thresholds = ["rtt.p98 < 1s"] }, "thresholds[0]" },
        { "unknown threshold phase", Valid with { Thresholds = ["rtt.p99 < 1s", "rtt.p99{phase:steady} < 1s"] }, "thresholds[1]" },
        { "a phase a metric cannot give", Valid with { Thresholds = ["errors.rate{phase:hold} < 1%"] }, "thresholds[0]" },
    };

    [Fact]
    public void A_default_scenario_is_valid() => Assert.Empty(ScenarioValidator.Validate(Valid));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_rule_reports_its_field(string rule, Scenario scenario, string field)
    {
        var error = Assert.Single(ScenarioValidator.Validate(scenario));
        Assert.True(field == error.Field, $"{rule}: expected {field}, got {error.Field}: {error.Message}");
        Assert.Equal(0, error.Line);
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void Templates_without_stamp_are_fine_when_nothing_is_expected()
    {
        var scenario = WithMessages(new MessageOptions { Expect = ExpectMode.None, Types = [new MessageType { Template = "{{connectionId}}:{{sequence}}:{{timestamp}}:{{random}}" }] });
        Assert.Empty(ScenarioValidator.Validate(scenario));
    }

    [Fact]
    public void Reply_with_correlation_field_is_valid()
    {
        var scenario = WithMessages(new MessageOptions { Expect = ExpectMode.Reply, CorrelationField = "meta.id" });
        Assert.Empty(ScenarioValidator.Validate(scenario));
    }
}
