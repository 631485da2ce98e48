namespace WsLoad.Scenarios;

public static partial class ScenarioValidator
{
    private static void ValidateMessages(List<ScenarioError> errors, MessageOptions messages)
    {
        NonNegativeRate(errors, "messages.rate", messages.RatePerSecond);
        if (messages.TotalRatePerSecond is { } total)
            NonNegativeRate(errors, "messages.totalRate", total);
        if (messages.InFlight is { } inFlight)
        {
            if (inFlight < 1 || inFlight > 10_000)
                Add(errors, "messages.inFlight", $"must be between 1 and 10000; got {inFlight}");
            if (messages.RatePerSecond > 0 || messages.TotalRatePerSecond is > 0)
                Add(errors, "messages.inFlight", "a closed loop (inFlight) sends as fast as replies come back: leave out rate and totalRate");
            if (messages.Expect == ExpectMode.None)
                Add(errors, "messages.inFlight", "a closed loop needs replies to pace it: use expect: echo or reply");
        }

        Positive(errors, "messages.timeout", messages.Timeout);
        NonNegative(errors, "messages.startDelay", messages.StartDelay);
        if (messages.Expect == ExpectMode.Reply && string.IsNullOrWhiteSpace(messages.CorrelationField))
            Add(errors, "messages.correlationField", "expect: reply needs correlationField, the JSON field of the reply that carries our id (e.g. id or meta.requestId)");
        else if (messages.CorrelationField is { } correlation && correlation.Split('.').Any(string.IsNullOrWhiteSpace))
            Add(errors, "messages.correlationField", $"'{correlation}' is not a dotted field path such as id or meta.requestId");

        if (messages.Types.Count == 0)
            Add(errors, "messages.types", "needs at least one message type");
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Types.Count; i++)
        {
            var type = messages.Types[i];
            var path = $"messages.types[{i}]";
            if (string.IsNullOrWhiteSpace(type.Name))
                Add(errors, path + ".name", "must not be empty");
            else if (!names.Add(type.Name))
                Add(errors, path + ".name", $"'{type.Name}' is used by another message type; names must be unique");
            if (!(type.Weight > 0) || !double.IsFinite(type.Weight))
                Add(errors, path + ".weight", "must be greater than zero");
            ValidateSize(errors, path + ".size", type.Size);
            if (type.Template is { } template)
                ValidateTemplate(errors, path + ".template", template, messages.Expect);
        }

        if (messages.Expect == ExpectMode.Broadcast)
        {
            if (messages.InFlight is not null)
                Add(errors, "messages.inFlight", "a broadcast has no reply to pace a closed loop: give publishers a rate instead");
            if (messages.TotalRatePerSecond is not null)
                Add(errors, "messages.totalRate", "with expect: broadcast, rate is per publisher: use rate (e.g. 10/s) instead of totalRate");
            if (messages.Recovery == MessageRecovery.Resend || messages.Retry.Enabled)
                Add(errors, messages.Retry.Enabled ? "messages.retry" : "messages.recovery", "a broadcast is not answered, so nothing can be resent or retried: leave it out with expect: broadcast");
            if (messages.Broadcast?.Publishers is < 1)
                Add(errors, "messages.broadcast.publishers", $"must be at least 1; got {messages.Broadcast!.Publishers}");
            if (messages.Broadcast?.PublisherPercent is { } percent && !(percent > 0 && percent <= 100))
                Add(errors, "messages.broadcast.publishers", $"a share must be above 0% and at most 100%; got {percent}%");
        }
        else if (messages.Broadcast is not null)
        {
            Add(errors, "messages.broadcast", "is for expect: broadcast; set expect: broadcast or leave it out");
        }

        if (messages.Expect == ExpectMode.Push)
        {
            var push = messages.Push ?? new PushOptions();
            if (messages.InFlight is not null)
                Add(errors, "messages.inFlight", "pushed messages answer nothing, so there is no closed loop to pace: leave inFlight out with expect: push");
            if (messages.Recovery == MessageRecovery.Resend || messages.Retry.Enabled)
                Add(errors, messages.Retry.Enabled ? "messages.retry" : "messages.recovery", "with expect: push nothing this side sends is answered, so nothing can be resent or retried");
            if (string.IsNullOrWhiteSpace(push.SequenceField) || push.SequenceField.Split('.').Any(string.IsNullOrWhiteSpace))
                Add(errors, "messages.push.sequenceField", $"'{push.SequenceField}' is not a dotted field path such as seq or meta.seq");
            if (push.TimestampField is { } timestamp && timestamp.Split('.').Any(string.IsNullOrWhiteSpace))
                Add(errors, "messages.push.timestampField", $"'{timestamp}' is not a dotted field path such as sentAtUnixUs or meta.ts");
            if (push.TimestampUnit is not ("us" or "ms" or "s"))
                Add(errors, "messages.push.timestampUnit", $"'{push.TimestampUnit}' is not a unit: use us, ms or s");
        }
        else if (messages.Push is not null)
        {
            Add(errors, "messages.push", "is for expect: push; set expect: push or leave it out");
        }

        for (var i = 0; i < messages.Bursts.Count; i++)
        {
            var burst = messages.Bursts[i];
            var path = $"messages.bursts[{i}]";
            NonNegative(errors, path + ".at", burst.At);
            Positive(errors, path + ".duration", burst.Duration);
            if (!(burst.Multiplier > 0) || !double.IsFinite(burst.Multiplier))
                Add(errors, path + ".multiplier", "must be greater than zero");
        }
    }

    /// <summary>
    /// A text stamp carries the low 18 bits of the publisher's connection id, and a broadcast subscriber has no context
    /// to restore the rest from: past 262,144 connections, text broadcasts would misread their publishers.
    /// </summary>
    private static void ValidateBroadcastStamps(List<ScenarioError> errors, Scenario scenario)
    {
        const int MostTextConnections = 1 << 18;
        var connections = scenario.Connections.Arrival?.Max ?? scenario.Connections.Count;
        if (scenario.Messages.Expect == ExpectMode.Broadcast && connections > MostTextConnections && scenario.Messages.Types.Any(t => t.Format == PayloadFormat.Text))
            Add(errors, "messages.types", $"a text broadcast names its publisher in 18 bits, so it holds {MostTextConnections:N0} connections; with {connections:N0} use format: binary (its stamp carries the whole id)");
    }

    private static void NonNegativeRate(List<ScenarioError> errors, string field, double rate)
    {
        if (!(rate >= 0) || !double.IsFinite(rate))
            Add(errors, field, "must not be negative");
    }

    private static void ValidateSize(List<ScenarioError> errors, string field, SizeSpec size)
    {
        var sizes = size.Choices.Count > 0 ? size.Choices : [size.Min, size.Max];
        if (sizes.Any(s => s < 1))
            Add(errors, field, "sizes must be at least 1 byte");
        else if (sizes.Any(s => s > ScenarioValues.MaxMessageBytes))
            Add(errors, field, "sizes must be at most 16mb");
        else if (size.Choices.Count == 0 && size.Min > size.Max)
            Add(errors, field, $"the range {size.Min}-{size.Max} has its minimum above its maximum");
    }
}
