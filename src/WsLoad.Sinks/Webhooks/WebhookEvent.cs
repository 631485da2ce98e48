namespace WsLoad.Sinks.Webhooks;

/// <summary>What a webhook message tells of; the generic JSON payload's <c>event</c> (kebab-case).</summary>
public enum WebhookEvent
{
    /// <summary>The run is going: its first second was measured.</summary>
    RunStarted,

    /// <summary>A threshold, judged live over the run so far, began to fail.</summary>
    ThresholdBreached,

    /// <summary>A threshold that had failed live holds again.</summary>
    ThresholdRecovered,

    /// <summary>A checkpoint fired and acts (alert, abort, ramp-down, pause-ramp), or a holding one cleared.</summary>
    Checkpoint,

    /// <summary>The run is over and its reports are written: status, verdict and key figures.</summary>
    RunEnded,
}
