using System.Globalization;

namespace WsLoad.Tests.Monitoring;

/// <summary>One Server-Sent Event as a page receives it.</summary>
internal sealed record SentEvent(long Id, string Event, string Data);

/// <summary>
/// A page's view of <c>GET /events</c>, read line by line as EventSource reads it: <see cref="NextAsync"/> gives the
/// next event, <see cref="NextCommentAsync"/> the next comment line (the heartbeat), <see cref="EndedAsync"/> waits for the end.
/// </summary>
internal sealed class EventStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public string? CacheControl => _response.Headers.CacheControl?.ToString();

    public static async Task<EventStream> OpenAsync(HttpClient http, Uri dashboard, long? lastEventId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(dashboard, "events"));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        return new EventStream(response, await response.Content.ReadAsStreamAsync(cancellationToken));
    }

    /// <summary>The next event; comments and the <c>retry:</c> field are skipped.</summary>
    public async Task<SentEvent> NextAsync(CancellationToken cancellationToken)
    {
        long? id = null;
        string? kind = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("the event stream ended");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SentEvent(id ?? -1, kind ?? "message", data);
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    /// <summary>The next comment line (<c>: …</c>); events before it are skipped.</summary>
    public async Task<string> NextCommentAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("the event stream ended");
            if (line.StartsWith(':'))
            {
                return line;
            }
        }
    }

    /// <summary>True once the server ends the stream (the lines before the end are skipped).</summary>
    public async Task<bool> EndedAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _reader.ReadLineAsync(cancellationToken) is not null)
            {
            }

            return true;
        }
        catch (HttpRequestException)
        {
            return true; // the connection was closed under the read: ended too
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
