using System.Threading.Channels;

namespace WsLoad.Sinks.Dashboard;

/// <summary>
/// One open page's queue of events. Bounded: a page that falls <see cref="Capacity"/> events behind is dropped (its
/// queue is completed, its stream ends), never waited for, so a slow browser cannot slow the run's sink; the page's
/// EventSource reconnects with <c>Last-Event-ID</c> and is replayed what it missed.
/// Threading: <see cref="TryOffer"/> under <see cref="DashboardFeed"/>'s lock; one reader, the page's response.
/// </summary>
internal sealed class DashboardSubscriber
{
    /// <summary>Events a page may fall behind: a few minutes of a run.</summary>
    public const int Capacity = 256;

    private readonly Channel<DashboardMessage> _queue = Channel.CreateBounded<DashboardMessage>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait, // with TryWrite: refused, not waited for
        SingleReader = true,
        SingleWriter = false,
    });

    public ChannelReader<DashboardMessage> Reader => _queue.Reader;

    /// <summary>Queues <paramref name="message"/>; false when the page is too far behind (it is then ended).</summary>
    public bool TryOffer(DashboardMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        End();
        return false;
    }

    /// <summary>No more events: the stream ends once the queued ones are sent.</summary>
    public void End() => _queue.Writer.TryComplete();
}
