namespace WsLoad.Sinks.Webhooks;

/// <summary>How a message should look: the colour of a Teams card's title, the emoji of a Slack line.</summary>
public enum AlertSeverity
{
    /// <summary>News, nothing wrong (a run started).</summary>
    Info,

    /// <summary>Good news (a threshold recovered, a GO).</summary>
    Good,

    /// <summary>Something to look at (a checkpoint fired, an INCONCLUSIVE run).</summary>
    Warning,

    /// <summary>Something failed (a threshold breached, a NO-GO, an aborted run).</summary>
    Critical,
}
