using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Threading.Channels;

namespace WsLoad.Sinks.Prometheus.RemoteWrite;

/// <summary>
/// Sends encoded write requests to the receiver, one at a time and in order, from a bounded queue and a task of its
/// own: <see cref="TryEnqueue"/> never waits, so neither does the run. Each request is tried with a timeout and retried
/// with exponential backoff on a server error, 429 or a network failure (<see cref="RemoteWritePolicy"/>); one that
/// still fails, or finds the queue full, is dropped, and its samples counted in <see cref="Counts"/>. Failures are
/// described without the URL, which may hold a password or a token.
/// Threading: <see cref="TryEnqueue"/> from any one thread at a time; the sending happens on the sender's task.
/// </summary>
internal sealed class RemoteWriteSender : IAsyncDisposable
{
    private static readonly ProductInfoHeaderValue UserAgent = new("wsload", Version());

    private readonly RemoteWriteEndpoint _endpoint;
    private readonly RemoteWritePolicy _policy;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly Channel<EncodedWrite> _queue;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _idleLock = new();
    private readonly Task _loop;
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unfinished;

    public RemoteWriteSender(RemoteWriteEndpoint endpoint, RemoteWritePolicy policy, TimeProvider time)
    {
        _endpoint = endpoint;
        _policy = policy;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = policy.RequestTimeout, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each try has its own timeout, on the provider's clock
        };
        _queue = Channel.CreateBounded<EncodedWrite>(new BoundedChannelOptions(policy.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refused, not waited for
            SingleReader = true,
        });
        _idle.SetResult();
        _loop = Task.Run(SendAllAsync, CancellationToken.None);
    }

    /// <summary>What became of the samples handed over so far.</summary>
    public RemoteWriteCounts Counts { get; } = new();

    /// <summary>How output names the receiver (scheme, host and port only).</summary>
    public string Display => _endpoint.Display;

    /// <summary>Encodes <paramref name="request"/> and queues it; false (its samples counted dropped) when the queue is full or stopped.</summary>
    public bool TryEnqueue(WriteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var write = new EncodedWrite(WriteRequestEncoder.EncodeCompressed(request), request.SampleCount);
        lock (_idleLock)
        {
            if (!_queue.Writer.TryWrite(write))
            {
                Counts.Dropped(write.Samples, wasQueued: false);
                return false;
            }

            Counts.Queued(write.Samples);
            if (_unfinished++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return true;
    }

    /// <summary>Waits up to <paramref name="timeout"/> until every queued request is sent or given up on; false when time ran out.</summary>
    public async Task<bool> WaitIdleAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task idle;
        lock (_idleLock)
        {
            idle = _idle.Task;
        }

        await idle.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return idle.IsCompleted;
    }

    /// <summary>Takes no more requests, waits a bounded time (<see cref="RemoteWritePolicy.StopWait"/>) for the queue, and drops what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_idleLock)
        {
            _queue.Writer.TryComplete();
        }

        await _loop.WaitAsync(_policy.StopWait, _time).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _stopping.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task SendAllAsync()
    {
        await foreach (var write in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (_stopping.IsCancellationRequested)
            {
                Counts.Dropped(write.Samples, wasQueued: true);
            }
            else
            {
                await SendAsync(write, _stopping.Token);
            }

            lock (_idleLock)
            {
                if (--_unfinished == 0)
                {
                    _idle.TrySetResult();
                }
            }
        }
    }

    private async Task SendAsync(EncodedWrite write, CancellationToken stopping)
    {
        var failure = string.Empty;
        for (var attempt = 1; attempt <= _policy.MaxAttempts; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    await Task.Delay(_policy.BackoffBefore(attempt), _time, stopping);
                }

                var (accepted, retry, why) = await TryOnceAsync(write, stopping);
                if (accepted)
                {
                    Counts.Accepted(write.Samples);
                    return;
                }

                failure = why;
                if (!retry)
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                Counts.Dropped(write.Samples, wasQueued: true);
                return;
            }
        }

        Counts.Failed(write.Samples, failure);
    }

    private async Task<(bool Accepted, bool Retry, string Why)> TryOnceAsync(EncodedWrite write, CancellationToken stopping)
    {
        using var timeout = new CancellationTokenSource(_policy.RequestTimeout, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.RequestUri) { Content = new ByteArrayContent(write.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        request.Content.Headers.ContentEncoding.Add("snappy");
        request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Authorization = _endpoint.Authorization;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, either.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (true, false, string.Empty)
                : (false, RemoteWritePolicy.IsRetryable(response.StatusCode), $"HTTP {status}");
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return (false, true, string.Create(CultureInfo.InvariantCulture, $"no answer within {_policy.RequestTimeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException exception)
        {
            return (false, true, Describe(exception));
        }
#pragma warning disable CA1031 // Anything else would end the sender's task and strand the queue: the request fails, the next goes on.
        catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return (false, false, $"error ({exception.GetType().Name})");
        }
    }

    // From the error's kind only: an exception's message may quote the URL, and the URL may hold a secret.
    private static string Describe(HttpRequestException exception) => exception.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain } => "host not found",
        SocketException { SocketErrorCode: SocketError.TimedOut } => "connect timed out",
        SocketException socket => $"network error ({socket.SocketErrorCode})",
        _ => $"network error ({exception.HttpRequestError})",
    };

    private static string Version()
    {
        var version = typeof(RemoteWriteSender).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>A request's snappy-compressed body and how many samples it carries.</summary>
    private sealed record EncodedWrite(byte[] Body, int Samples);
}
