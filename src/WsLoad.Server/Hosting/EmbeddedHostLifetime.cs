using Microsoft.Extensions.Hosting;

namespace WsLoad.Server.Hosting;

/// <summary>
/// Replaces the console lifetime: the embedding program (the CLI, a test) decides when the server stops,
/// so Ctrl+C and SIGTERM are left to it and the host prints nothing.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
