using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

public class ScenarioLoaderTests
{
    private const string FullYaml = """
        name: chat-echo
        target:
          url: wss://example.test:8443/ws
          headers: { Authorization: "Bearer x", X-Trace: 7 }
          query: { channel: lobby }
          subprotocols: [chat, json]
          connectTimeout: 12s
          tls: { insecure: true, clientCertificatePassword: secret }
        connections:
          count: 10000
          ramp: { strategy: exponential, duration: 20s, growth: 3.5 }
          hold: 1m30s
          rampDown: 5s
          sourceAddresses: [127.0.0.2, 127.0.0.3]
          maxConcurrentConnects: 250
        messages:
          totalRate: 10000/s
          rate: 2/s
          expect: reply
          correlationField: meta.id
          timeout: 4s
          startDelay: 500ms
          types:
            - { name: chat, weight: 3, size: 100, format: text }
            - { name: blob, weight: 1, size: 64-1024, format: binary }
            - { name: pick, size: [64, 1kb] }
            - { name: order, template: '{"type":"order","id":"{{stamp}}","conn":{{connectionId}},"seq":{{sequence}}}' }
          bursts:
            - { at: 30s, duration: 5s, multiplier: 10 }
        thresholds:
          - rtt.p99 < 200ms
          - connect.success > 99.9%
        """;

    [Fact]
    public void A_closed_loop_is_read_from_in_flight()
    {
        var s = ScenarioLoader.Parse("target: { url: ws://127.0.0.1:1/ws }\nmessages: { inFlight: 4 }\n", "loop.yaml");

        Assert.Equal(4, s.Messages.InFlight);
        Assert.Equal(0, s.Messages.RatePerSecond);
    }

    [Fact]
    public void Every_field_maps_into_the_model()
    {
        var s = ScenarioLoader.Parse(FullYaml, "full.yaml");

        Assert.Equal("chat-echo", s.Name);
        Assert.Equal(new Uri("wss://example.test:8443/ws"), s.Target.Url);
        Assert.Equal(new Dictionary<string, string> { ["Authorization"] = "Bearer x", ["X-Trace"] = "7" }, s.Target.Headers);
        Assert.Equal(new Dictionary<string, string> { ["channel"] = "lobby" }, s.Target.Query);
        Assert.Equal(["chat", "json"], s.Target.Subprotocols);
        Assert.Equal(TimeSpan.FromSeconds(12), s.Target.ConnectTimeout);
        Assert.Equal(new TlsOptions { Insecure = true, ClientCertificatePassword = "secret" }, s.Target.Tls);

        var c = s.Connections;
        Assert.Equal(10000, c.Count);
        Assert.Equal(new RampOptions { Strategy = RampStrategy.Exponential, Duration = TimeSpan.FromSeconds(20), Growth = 3.5 }, c.Ramp);
        Assert.Equal(TimeSpan.FromSeconds(90), c.Hold);
        Assert.Equal(TimeSpan.FromSeconds(5), c.RampDown);
        Assert.Null(c.Arrival);
        Assert.Equal(["127.0.0.2", "127.0.0.3"], c.SourceAddresses);
        Assert.Equal(250, c.MaxConcurrentConnects);

        var m = s.Messages;
        Assert.Equal(10000, m.TotalRatePerSecond);
        Assert.Equal(2, m.RatePerSecond);
        Assert.Equal(ExpectMode.Reply, m.Expect);
        Assert.Equal("meta.id", m.CorrelationField);
        Assert.Equal(TimeSpan.FromSeconds(4), m.Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), m.StartDelay);
        Assert.Equal(4, m.Types.Count);
        Assert.Equal(new MessageType { Name = "chat", Weight = 3, Size = SizeSpec.Fixed(100), Format = PayloadFormat.Text }, m.Types[0]);
        Assert.Equal(new MessageType { Name = "blob", Weight = 1, Size = SizeSpec.Range(64, 1024), Format = PayloadFormat.Binary }, m.Types[1]);
        Assert.Equal([64, 1024], m.Types[2].Size.Choices);
        Assert.Equal("""{"type":"order","id":"{{stamp}}","conn":{{connectionId}},"seq":{{sequence}}}""", m.Types[3].Template);
        Assert.Equal(new BurstPhase { At = TimeSpan.FromSeconds(30), Duration = TimeSpan.FromSeconds(5), Multiplier = 10 }, Assert.Single(m.Bursts));
        Assert.Equal(["rtt.p99 < 200ms", "connect.success > 99.9%"], s.Thresholds);
    }

    [Fact]
    public void A_threshold_naming_its_phase_is_a_plain_yaml_string()
    {
        var s = ScenarioLoader.Parse("target: { url: ws://h/ }\nthresholds:\n  - rtt.p99{phase:hold} < 100ms\n  - errors.rate{phase:all} < 1%\n");

        Assert.Equal(["rtt.p99{phase:hold} < 100ms", "errors.rate{phase:all} < 1%"], s.Thresholds);
    }

    [Fact]
    public void Absent_fields_keep_the_model_defaults()
    {
        var s = ScenarioLoader.Parse("target:\n  url: ws://127.0.0.1:9/ws\n");
        var expected = new Scenario { Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:9/ws") } };
        Assert.Equal(expected.Name, s.Name);
        Assert.Equal(expected.Connections.Ramp, s.Connections.Ramp);
        Assert.Equal(expected.Connections.Count, s.Connections.Count);
        Assert.Equal(expected.Messages.Expect, s.Messages.Expect);
        Assert.Equal(expected.Messages.Types, s.Messages.Types);
        Assert.Empty(s.Thresholds);
    }

    [Fact]
    public void Ramp_shorthand_and_arrival_map()
    {
        var s = ScenarioLoader.Parse("""
            target: { url: ws://h/ }
            connections:
              ramp: stepped:4x15s
              arrival: { rate: 200/s, max: 5000, duration: 30s }
            """);
        Assert.Equal(new RampOptions { Strategy = RampStrategy.Stepped, Steps = 4, Plateau = TimeSpan.FromSeconds(15) }, s.Connections.Ramp);
        Assert.Equal(new ArrivalOptions { RatePerSecond = 200, Max = 5000, Duration = TimeSpan.FromSeconds(30) }, s.Connections.Arrival);
    }

    [Fact]
    public void Json_loads_like_yaml()
    {
        var json = """
            {
            	"name": "from-json",
            	"target": { "url": "ws://127.0.0.1:8080/ws", "connectTimeout": "3s" },
            	"connections": { "count": 50, "ramp": "linear:5s" },
            	"messages": { "rate": "1/s", "types": [ { "name": "t", "size": "64-128" } ] },
            	"thresholds": [ "rtt.p99 < 200ms" ]
            }
            """;
        var s = ScenarioLoader.Parse(json, "scenario.json");
        Assert.Equal("from-json", s.Name);
        Assert.Equal(TimeSpan.FromSeconds(3), s.Target.ConnectTimeout);
        Assert.Equal(50, s.Connections.Count);
        Assert.Equal(TimeSpan.FromSeconds(5), s.Connections.Ramp.Duration);
        Assert.Equal(SizeSpec.Range(64, 128), Assert.Single(s.Messages.Types).Size);
    }

    [Fact]
    public void Tls_files_are_resolved_against_the_scenario_folder()
    {
        var folder = Directory.CreateTempSubdirectory("wsload-tls-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "ca.pem"), "not checked here");
            var path = Path.Combine(folder.FullName, "tls.yaml");
            File.WriteAllText(path, "target:\n  url: wss://h/\n  tls: { caCertificate: ca.pem }\n");

            var s = ScenarioLoader.LoadFile(path);

            Assert.Equal(Path.Combine(folder.FullName, "ca.pem"), s.Target.Tls.CaCertificate);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_tls_file_is_an_error()
    {
        var error = Assert.Single(Assert.Throws<ScenarioException>(() =>
            ScenarioLoader.Parse("target:\n  url: wss://h/\n  tls: { clientCertificate: /nonexistent/client.pfx }\n")).Errors);
        Assert.Equal("target.tls.clientCertificate", error.Field);
        Assert.Equal((3, 29), (error.Line, error.Column));
    }
}
