namespace WsLoad.Scenarios;

public static partial class ScenarioValidator
{
    private static void ValidateReconnect(List<ScenarioError> errors, ReconnectOptions reconnect)
    {
        if (!Enum.IsDefined(reconnect.Policy))
            Add(errors, "connections.reconnect.policy", "unknown value; allowed: none, immediate, fixed, exponential");
        if (!reconnect.Enabled)
            return;
        NonNegative(errors, "connections.reconnect.delay", reconnect.Delay);
        if (reconnect.Policy == ReconnectPolicy.Exponential && reconnect.MaxDelay < reconnect.Delay)
            Add(errors, "connections.reconnect.maxDelay", $"must not be below the delay ({reconnect.Delay.TotalMilliseconds:0.###} ms)");
        if (!(reconnect.Jitter is >= 0 and <= 1))
            Add(errors, "connections.reconnect.jitter", "must be 0% to 100%, e.g. 20%");
        if (reconnect.MaxAttempts < 1)
            Add(errors, "connections.reconnect.maxAttempts", "must be at least 1, e.g. 10");
        if (reconnect.MaxConcurrent < 1)
            Add(errors, "connections.reconnect.maxConcurrent", "must be at least 1, e.g. 200");
    }

    private static void ValidateRecovery(List<ScenarioError> errors, Scenario scenario)
    {
        var recovery = scenario.Messages.Recovery;
        if (!Enum.IsDefined(recovery))
            Add(errors, "messages.recovery", "unknown value; allowed: none, resend");
        else if (recovery == MessageRecovery.Resend && !scenario.Connections.Reconnect.Enabled)
            Add(errors, "messages.recovery", "resend needs a reconnect policy: set connections.reconnect (e.g. exponential:100ms..5s)");
        else if (recovery == MessageRecovery.Resend && scenario.Messages.Expect == ExpectMode.None)
            Add(errors, "messages.recovery", "resend needs replies to know what was answered: set messages.expect to echo or reply");
    }

    private static void ValidateRetry(List<ScenarioError> errors, MessageOptions messages)
    {
        var retry = messages.Retry;
        if (retry == RetryOptions.None)
            return;
        if (retry.After <= TimeSpan.Zero)
            Add(errors, "messages.retry.after", "must be above 0, e.g. 500ms (leave retry out to turn it off)");
        if (!(retry.Backoff is >= 1 and <= 10))
            Add(errors, "messages.retry.backoff", "must be 1 (a fixed wait) to 10, e.g. 2");
        if (retry.MaxRetries is < 1 or > 100)
            Add(errors, "messages.retry.maxRetries", "must be 1 to 100, e.g. 3");
        if (retry.Enabled && messages.Expect == ExpectMode.None)
            Add(errors, "messages.retry", "retry needs answers to know what was not answered: set messages.expect to echo or reply (an ack correlated by its id)");
    }
}
