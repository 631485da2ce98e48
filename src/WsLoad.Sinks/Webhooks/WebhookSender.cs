using System.Text;
using System.Threading.Channels;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// Sends one webhook's messages from a queue and a task of its own, so no caller ever waits on the receiver:
/// <see cref="TryQueue"/> returns at once, a try is bounded by <see cref="WebhookSendPolicy.RequestTimeout"/>, transient
/// failures are tried again with backoff, tries are spaced (a rate limit), and live alerts beyond the queue's capacity
/// are dropped and counted. <see cref="FlushAsync"/> waits a bounded time for what is left, then gives it up, counted.
/// Threading: <see cref="TryQueue"/> from any thread; the sending runs on the sender's own task.
/// </summary>
internal sealed class WebhookSender : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly WebhookSendPolicy _policy;
    private readonly Channel<Outgoing> _queue = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _liveWaiting;
    private long? _lastTry;

    public WebhookSender(WebhookTarget target, HttpClient http, TimeProvider time, WebhookSendPolicy policy)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _loop = Task.Run(SendAllAsync, CancellationToken.None);
    }

    public WebhookTarget Target { get; }

    /// <summary>Every message of every run this webhook was given.</summary>
    public WebhookTally Totals { get; } = new();

    /// <summary>
    /// Queues <paramref name="alert"/> for sending, counted in <paramref name="run"/> too; false when it is dropped
    /// (counted): a live alert when <see cref="WebhookSendPolicy.QueueCapacity"/> wait already, anything once flushing.
    /// </summary>
    public bool TryQueue(WebhookAlert alert, WebhookTally run)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(run);
        var live = !alert.Essential;
        if (live && Interlocked.Increment(ref _liveWaiting) > _policy.QueueCapacity)
        {
            Interlocked.Decrement(ref _liveWaiting);
            Drop(run);
            return false;
        }

        Totals.Queued();
        run.Queued();
        if (_queue.Writer.TryWrite(new Outgoing(WebhookPayload.Serialize(Target.Kind, alert), live, run)))
        {
            return true;
        }

        // Flushing already: the message was counted as queued, so it is settled as given up.
        if (live)
        {
            Interlocked.Decrement(ref _liveWaiting);
        }

        Totals.Abandoning();
        run.Abandoning();
        return false;
    }

    /// <summary>
    /// Takes no more messages and waits up to <see cref="WebhookSendPolicy.FlushTimeout"/> for those queued; what is
    /// still queued or being tried then is given up and counted in <see cref="WebhookTally.Abandoned"/>.
    /// </summary>
    public async Task FlushAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.WaitAsync(_policy.FlushTimeout, _time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_loop.IsCompleted)
        {
            await _stopping.CancelAsync();
            await _loop;
        }
    }

    /// <summary>One line for the end of the command: the webhook by kind and host, and how its messages fared.</summary>
    public string Describe()
    {
        var totals = Totals;
        var line = new StringBuilder($"{Target.Display}: {totals.Sent} sent");
        line.Append(FormattableString.Invariant($", {totals.Failed} failed"));
        if (totals.LastFailure is { } why)
        {
            line.Append(" (last: ").Append(why).Append(')');
        }

        if (totals.Dropped > 0)
        {
            line.Append(FormattableString.Invariant($", {totals.Dropped} dropped (queue full)"));
        }

        if (totals.Abandoned > 0)
        {
            line.Append(FormattableString.Invariant($", {totals.Abandoned} not sent (gave up after {_policy.FlushTimeout.TotalSeconds:0.#} s at exit)"));
        }

        return line.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    private void Drop(WebhookTally run)
    {
        Totals.Dropping();
        run.Dropping();
    }

    private async Task SendAllAsync()
    {
        // Once stopping, the writer is complete: what is left is read out and given up, each counted.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (_queue.Reader.TryRead(out var message))
            {
                if (message.Live)
                {
                    Interlocked.Decrement(ref _liveWaiting);
                }

                string? failure;
                try
                {
                    _stopping.Token.ThrowIfCancellationRequested();
                    failure = await DeliverAsync(message.Body, _stopping.Token);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
                {
                    Totals.Abandoning();
                    message.Run.Abandoning();
                    continue;
                }

                if (failure is null)
                {
                    Totals.Succeeded();
                    message.Run.Succeeded();
                }
                else
                {
                    Totals.Failing(failure);
                    message.Run.Failing($"{Target.Display}: {failure}");
                }
            }
        }
    }

    /// <summary>Tries to post <paramref name="body"/>; null once the receiver accepted it, or why the last try failed.</summary>
    private async Task<string?> DeliverAsync(string body, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            await SpaceAsync(stopping);
            string failure;
            bool transient;
            TimeSpan? retryAfter = null;
            using var deadline = new CancellationTokenSource(_policy.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await _http.PostAsync(Target.Url, content, linked.Token);
                if (response.IsSuccessStatusCode)
                {
                    return null;
                }

                failure = WebhookFailure.Status(response.StatusCode);
                transient = WebhookFailure.IsTransient(response.StatusCode);
                retryAfter = WebhookFailure.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow(), _policy.MaxRetryAfter);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                failure = WebhookFailure.TimedOut(_policy.RequestTimeout);
                transient = true;
            }
            catch (HttpRequestException exception)
            {
                failure = WebhookFailure.Of(exception);
                transient = true;
            }

            if (!transient || attempt >= _policy.Tries)
            {
                return failure;
            }

            var backoff = _policy.Backoff * Math.Pow(2, attempt - 1);
            await Task.Delay(retryAfter is { } asked && asked > backoff ? asked : backoff, _time, stopping);
        }
    }

    // The rate limit: tries at least Spacing apart, whatever they carry.
    private async Task SpaceAsync(CancellationToken stopping)
    {
        if (_lastTry is { } last && _time.GetElapsedTime(last) is var since && since < _policy.Spacing)
        {
            await Task.Delay(_policy.Spacing - since, _time, stopping);
        }

        _lastTry = _time.GetTimestamp();
    }

    private sealed record Outgoing(string Body, bool Live, WebhookTally Run);
}
