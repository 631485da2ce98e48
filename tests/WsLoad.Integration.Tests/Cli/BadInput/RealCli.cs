using System.Net;
using System.Net.Sockets;
using WsLoad.Cli;
using WsLoad.Results;

namespace WsLoad.Tests.Cli.BadInput;

/// <summary>
/// <c>wsload</c> in this process with the real loader, validator, engine and run.json writer, over string writers,
/// in its own temporary folder (scenario files and results) that is deleted on dispose. One invocation per instance.
/// </summary>
internal sealed class RealCli : IDisposable
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public string Folder { get; } = Directory.CreateTempSubdirectory("wsload-badinput-").FullName;

    public string OutDir => Path.Combine(Folder, "out");

    public string RunJsonPath => Path.Combine(OutDir, "run.json");

    public string Out => _out.ToString();

    public string Error => _error.ToString();

    public string[] ErrorLines => Lines(Error);

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>A loopback port that nothing listens on: bound by the OS, read back, then released.</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public void Dispose()
    {
        _out.Dispose();
        _error.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Writes a scenario file into the test folder and returns its path.</summary>
    public string WriteScenario(string name, string yaml)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>
    /// Runs <c>wsload ARGS</c>. The token is also the shutdown signal, so a test that times out stops its run
    /// (and then fails on the status) instead of leaving load running.
    /// </summary>
    public Task<int> InvokeAsync(CancellationToken cancellationToken, params string[] args) =>
        WsLoadCli.InvokeAsync(args, CliConsole.Plain(_out, _error), new CliServices(), cancellationToken).WaitAsync(cancellationToken);

    /// <summary>Runs <c>wsload run ARGS --out DIR</c>.</summary>
    public Task<int> RunAsync(CancellationToken cancellationToken, params string[] args) =>
        InvokeAsync(cancellationToken, ["run", .. args, "--out", OutDir]);

    public Task<RunResult> ReadRunJsonAsync(CancellationToken cancellationToken) => RunResultJson.ReadAsync(RunJsonPath, cancellationToken);

    /// <summary>For assertion messages.</summary>
    public override string ToString() => $"stdout: {Out}\nstderr: {Error}";
}
