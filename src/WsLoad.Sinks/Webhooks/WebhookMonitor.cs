using WsLoad.Results;

namespace WsLoad.Sinks.Webhooks;

/// <summary>
/// The webhooks of a command (<c>--webhook</c>): one sender per webhook for the whole command, and a
/// <see cref="WebhookSink"/> per run. A run's end message goes when its reports are written, so it carries the final
/// verdict and the report's path; that is after run.json was written, so its fate (and that of anything still
/// queued) is told on stderr when the command ends, one line per webhook, after a bounded wait
/// (<see cref="WebhookSendPolicy.FlushTimeout"/>). Webhooks are named by kind and host only: their URLs are secrets.
/// </summary>
internal sealed class WebhookMonitor : ILiveMonitor
{
    private readonly HttpClient _http;
    private readonly List<WebhookSender> _senders;
    private readonly Action<string> _say;
    private readonly TimeProvider _time;
    private readonly Dictionary<LiveRun, WebhookSink> _sinks = new(ReferenceEqualityComparer.Instance);

    public WebhookMonitor(IReadOnlyList<WebhookTarget> targets, Action<string> say, TimeProvider? time = null, WebhookSendPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _say = say ?? throw new ArgumentNullException(nameof(say));
        _time = time ?? TimeProvider.System;
        policy ??= WebhookSendPolicy.Default;

        // No redirects: a webhook that redirects is misconfigured, and following one would carry the message elsewhere.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = policy.RequestTimeout })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each try has its own deadline
        };
        _senders = [.. targets.Select(target => new WebhookSender(target, _http, _time, policy))];
        foreach (var sender in _senders)
        {
            _say($"alerts go to the {sender.Target.Display}");
        }
    }

    public IRunSink? CreateSink(LiveRun run)
    {
        var sink = new WebhookSink(run, _senders, _time);
        lock (_sinks)
        {
            _sinks[run] = sink;
        }

        return sink;
    }

    public Task ReportsWrittenAsync(LiveRun run, RunResult result, string? htmlReport, CancellationToken cancellationToken)
    {
        WebhookSink? sink;
        lock (_sinks)
        {
            _sinks.Remove(run, out sink);
        }

        sink?.Ended(result, htmlReport);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_senders.Select(sender => sender.FlushAsync()));
        foreach (var sender in _senders)
        {
            _say(sender.Describe());
            await sender.DisposeAsync();
        }

        _senders.Clear();
        _http.Dispose();
    }
}
