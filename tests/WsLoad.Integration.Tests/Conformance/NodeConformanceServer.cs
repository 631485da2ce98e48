using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using WsLoad.Tests.Acceptance;

namespace WsLoad.Tests.Conformance;

/// <summary>
/// tests/node-echo/conformance.js (Node.js `ws`) as a child process on a port the OS chose. Its stdout lines after
/// "listening" (one "closed ID CODE REASON" per connection) are kept for <see cref="WaitForCloseAsync"/>.
/// Disposing kills the process (by its pid) and waits for it.
/// </summary>
internal sealed class NodeConformanceServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    private NodeConformanceServer(Process process)
    {
        _process = process;
    }

    public int Port { get; private set; }

    public static async Task<NodeConformanceServer> StartAsync(CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryPaths.Root, "tests", "node-echo", "conformance.js");
        Assert.True(
            Directory.Exists(Path.Combine(Path.GetDirectoryName(script)!, "node_modules", "ws")),
            "tests/node-echo/node_modules is missing: run `npm ci` in tests/node-echo (scripts/test.sh does)");
        var start = new ProcessStartInfo("node", [script, "0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var server = new NodeConformanceServer(Process.Start(start) ?? throw new InvalidOperationException("could not start node"));
        try
        {
            var listening = await server._process.StandardOutput.ReadLineAsync(cancellationToken)
                ?? throw new InvalidOperationException("node exited: " + await server._process.StandardError.ReadToEndAsync(cancellationToken));
            server.Port = int.Parse(listening.Split(' ')[1], CultureInfo.InvariantCulture);
            _ = server.PumpLinesAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A URL on this server with <paramref name="id"/> added to its query, so the server's close report names it.</summary>
    public Uri Url(string pathAndQuery, string id) =>
        new($"ws://127.0.0.1:{Port}{pathAndQuery}{(pathAndQuery.Contains('?') ? '&' : '?')}id={id}");

    /// <summary>The code and reason the server's `ws` reported when connection <paramref name="id"/> closed.</summary>
    public async Task<(int Code, string Reason)> WaitForCloseAsync(string id, CancellationToken cancellationToken)
    {
        var prefix = $"closed {id} ";
        while (true)
        {
            var line = await _lines.Reader.ReadAsync(cancellationToken);
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                var rest = line[prefix.Length..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                return (int.Parse(rest[..space], CultureInfo.InvariantCulture), rest[(space + 1)..]);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
    }

    private async Task PumpLinesAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                _lines.Writer.TryWrite(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was killed.
        }
        finally
        {
            _lines.Writer.TryComplete();
        }
    }
}
