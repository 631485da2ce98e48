using WsLoad.Scenarios;

namespace WsLoad.Tests.Scenarios;

/// <summary><c>expect: broadcast</c> as written in a scenario file: channels in the URL, publishers, and what is refused.</summary>
public sealed class BroadcastScenarioTests
{
    [Fact]
    public void A_chat_room_scenario_loads_with_its_channel_template_and_publishers()
    {
        var s = ScenarioLoader.Parse("""
            target:
              url: ws://127.0.0.1:8080/ws?channel={{connectionId % 100}}
            connections: { count: 5000 }
            messages:
              expect: broadcast
              rate: 1/s
              broadcast:
                publishers: 2%
            """, "rooms.yaml");

        Assert.Equal(ExpectMode.Broadcast, s.Messages.Expect);
        Assert.Equal(2, s.Messages.Broadcast!.PublisherPercent);
        Assert.Equal(100, s.Messages.Broadcast.PublisherCount(5_000, channels: 100));
        Assert.True(UrlTemplate.TryParse(s.Target.Url, out var template, out _));
        Assert.Equal(100, template.Distinct);
        Assert.Equal("/ws?channel=42", template.Expand(4_242).PathAndQuery);
    }

    [Theory]
    [InlineData(null, null, null, 1)] // no channels: one publisher
    [InlineData(null, null, 10, 10)] // one per channel by default
    [InlineData(3, null, 10, 3)]
    [InlineData(null, 0.01, 10, 1)] // a share rounds up, and at least one publishes
    [InlineData(5_000, null, null, 1_000)] // never more than the connections
    public void Publishers_are_a_count_a_share_or_one_per_channel(int? count, double? percent, int? channels, int expected) =>
        Assert.Equal(expected, new BroadcastOptions { Publishers = count, PublisherPercent = percent }.PublisherCount(1_000, channels));

    [Theory]
    [InlineData("ws://h/ws?room={{connectionId}}", null, "/ws?room=7")]
    [InlineData("ws://h/rooms/{{ connectionId % 3 }}/feed", 3, "/rooms/1/feed")]
    [InlineData("ws://h/ws", null, "/ws")]
    public void A_url_template_gives_each_connection_its_url(string url, int? distinct, string seventh)
    {
        Assert.True(UrlTemplate.TryParse(new Uri(url), out var template, out var error), error);
        Assert.Equal(distinct, template.Distinct);
        Assert.Equal(seventh, template.Expand(7).PathAndQuery);
    }

    [Theory]
    [InlineData("ws://h/ws?room={{id}}", "unknown placeholder '{{id}}'")]
    [InlineData("ws://h/ws?room={{connectionId % 0}}", "N must be a whole number from 1")]
    [InlineData("ws://h/ws?room={{connectionId", "is not closed")]
    public void A_url_template_that_is_not_understood_is_an_error_on_target_url(string url, string message)
    {
        var errors = ScenarioValidator.Validate(new Scenario { Target = new TargetOptions { Url = new Uri(url) } });

        var error = Assert.Single(errors);
        Assert.Equal("target.url", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("expect: broadcast\n  totalRate: 100/s", "messages.totalRate")]
    [InlineData("expect: broadcast\n  inFlight: 1", "messages.inFlight")]
    [InlineData("expect: broadcast\n  rate: 1/s\n  retry: 3x1s", "messages.retry")]
    [InlineData("expect: broadcast\n  rate: 1/s\n  broadcast: { publishers: 0 }", "messages.broadcast.publishers")]
    [InlineData("expect: broadcast\n  rate: 1/s\n  broadcast: { publishers: 150% }", "messages.broadcast.publishers")]
    [InlineData("expect: echo\n  rate: 1/s\n  broadcast: { publishers: 3 }", "messages.broadcast")]
    public void What_a_broadcast_cannot_do_is_said_on_its_field(string messages, string field)
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse($"target: {{ url: ws://127.0.0.1:1/ws }}\nmessages:\n  {messages}\n", "b.yaml")).Errors;

        Assert.Contains(errors, e => e.Field == field);
    }

    [Fact]
    public void A_text_broadcast_past_what_its_stamp_can_name_asks_for_binary()
    {
        var scenario = new Scenario
        {
            Target = new TargetOptions { Url = new Uri("ws://127.0.0.1:1/ws") },
            Connections = new ConnectionOptions { Count = 300_000 },
            Messages = new MessageOptions { Expect = ExpectMode.Broadcast, RatePerSecond = 1 },
        };

        var error = Assert.Single(ScenarioValidator.Validate(scenario));
        Assert.Equal("messages.types", error.Field);
        Assert.Contains("use format: binary", error.Message, StringComparison.Ordinal);
        Assert.Empty(ScenarioValidator.Validate(scenario with
        {
            Messages = scenario.Messages with { Types = [MessageType.Default with { Format = PayloadFormat.Binary }] },
        }));
    }

    [Fact]
    public void Publishers_that_are_not_a_number_or_a_share_are_a_load_error_with_the_line()
    {
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(
            "target: { url: ws://127.0.0.1:1/ws }\nmessages:\n  expect: broadcast\n  broadcast:\n    publishers: many\n", "b.yaml")).Errors);

        Assert.Equal(("messages.broadcast.publishers", 5), (error.Field, error.Line));
        Assert.Contains("such as 10, or a share such as 5%", error.Message, StringComparison.Ordinal);
    }
}
