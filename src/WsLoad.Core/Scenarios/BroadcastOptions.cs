namespace WsLoad.Scenarios;

/// <summary>
/// <c>expect: broadcast</c>: which connections publish. Every connection subscribes to its channel (its URL: see
/// <see cref="UrlTemplate"/>) and receives; publishers are the first connections of the plan (ids 0 to N-1), so with
/// <c>?channel={{connectionId % C}}</c> and N ≥ C every channel has one. Publishers send at <c>messages.rate</c> each
/// (or share <c>messages.totalRate</c>); the others only listen.
/// </summary>
public sealed record BroadcastOptions
{
    /// <summary>How many connections publish; null: <see cref="PublisherPercent"/>, or one per channel of the URL template (one if it has none).</summary>
    public int? Publishers { get; init; }

    /// <summary>Instead of a count: this share of the connections publishes (at least one), 0-100.</summary>
    public double? PublisherPercent { get; init; }

    /// <summary>
    /// Whether the server sends a publisher its own messages (the embedded server does; many chat servers and
    /// Socket.IO's broadcast do not). With false a publisher is not due its own messages, and one it gets is not due.
    /// </summary>
    public bool SenderReceives { get; init; } = true;

    /// <summary>
    /// Reads <c>publishers</c> as written in a scenario or on the command line: a count (<c>10</c>) or a share of the
    /// connections (<c>2%</c>). Only the form; the validator judges the value.
    /// </summary>
    public static bool TryParsePublishers(string text, out BroadcastOptions value)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (text.EndsWith('%') && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, culture, out var percent))
        {
            value = new BroadcastOptions { PublisherPercent = percent };
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, culture, out var count))
        {
            value = new BroadcastOptions { Publishers = count };
            return true;
        }

        value = new BroadcastOptions();
        return false;
    }

    /// <summary>How many of <paramref name="connections"/> publish, with <paramref name="channels"/> channels (null: unbounded or one).</summary>
    public int PublisherCount(int connections, int? channels) =>
        Math.Clamp(
            Publishers ?? (PublisherPercent is { } percent ? (int)Math.Ceiling(connections * percent / 100) : channels ?? 1),
            Math.Min(1, connections),
            Math.Max(0, connections));
}
