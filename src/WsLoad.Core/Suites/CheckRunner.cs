using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using WsLoad.Planning;
using WsLoad.Resources;
using WsLoad.Scenarios;

namespace WsLoad.Suites;

/// <summary>What a check may look at: the scenario it guards, the shape it runs in, and its server when this machine can sample it.</summary>
internal sealed record CheckContext(Scenario Scenario, RunShape Shape, int? ServerProcessId);

/// <summary>
/// Carries out environment checks. Each is bounded in time, never throws for what it finds (a failure is a result with
/// the finding), and names its figures so the report can say what was found against what.
/// </summary>
internal static class CheckRunner
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static async Task<CheckResult> RunAsync(EnvironmentCheck check, CheckContext context, CancellationToken cancellationToken)
    {
        var name = EnvironmentCheck.KindName(check.Kind);
        try
        {
            var (passed, detail) = check.Kind switch
            {
                CheckKind.OpenFiles => OpenFiles(context.Shape.Plan),
                CheckKind.Ports => Ports(context.Shape.Plan),
                CheckKind.FreeMemory => FreeMemory(check.MinBytes ?? 0),
                CheckKind.Reachable => await ReachableAsync(check.Url ?? context.Scenario.Target.Url, check.Upgrade, context.Scenario, cancellationToken),
                CheckKind.Http => await HttpAsync(check, cancellationToken),
                CheckKind.ServerResources => await ServerResourcesAsync(check, context.ServerProcessId, cancellationToken),
                _ => await CommandAsync(check.Run ?? "", check.Within ?? TimeSpan.FromSeconds(30), cancellationToken),
            };
            return new CheckResult(name, passed, detail, passed ? null : check.Remedy);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(name, false, "not finished: the suite was interrupted", check.Remedy);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A check finds things out; what goes wrong while it does is its finding, not the suite's end.
            return new CheckResult(name, false, $"the check could not finish: {exception.GetType().Name}: {exception.Message}", check.Remedy);
        }
    }

    private static (bool, string) OpenFiles(ResourcePlan plan)
    {
        var files = plan.FilesPerProcess;
        var limit = plan.Machine.OpenFileLimit;
        var detail = Invariant($"{plan.Workers} process(es) of about {plan.ConnectionsPerWorker:N0} connections need {files:N0} open files each; the limit is {limit:N0}");
        return (files <= limit, detail);
    }

    private static (bool, string) Ports(ResourcePlan plan)
    {
        var detail = Invariant($"about {plan.ConnectionsPerSourceAddress:N0} connections per source address; one address has {plan.UsablePortsPerAddress:N0} usable ephemeral ports");
        return (plan.ConnectionsPerSourceAddress <= plan.UsablePortsPerAddress, detail);
    }

    private static (bool, string) FreeMemory(long min)
    {
        var available = MachineLimits.Read().MemoryAvailableBytes;
        return (available >= min, $"{ResourcePlan.Gb(available)} available; at least {ResourcePlan.Gb(min)} wanted");
    }

    private static async Task<(bool, string)> ReachableAsync(Uri url, bool upgrade, Scenario scenario, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            using (var tcp = new TcpClient())
            {
                await tcp.ConnectAsync(url.DnsSafeHost, url.Port, timeout.Token);
            }

            if (!upgrade)
            {
                return (true, $"{url.Host}:{url.Port} accepts TCP connections");
            }

            using var client = new ClientWebSocket();
            client.Options.CollectHttpResponseDetails = true;
            var insecure = scenario.Target.Tls.Insecure; // the scenario's own choice (tls.insecure), as the run will make it
            client.Options.RemoteCertificateValidationCallback = (_, _, _, errors) => insecure || errors == System.Net.Security.SslPolicyErrors.None;

            foreach (var (header, value) in scenario.Target.Headers)
            {
                client.Options.SetRequestHeader(header, value);
            }

            foreach (var subprotocol in scenario.Target.Subprotocols)
            {
                client.Options.AddSubProtocol(subprotocol);
            }

            try
            {
                await client.ConnectAsync(url, timeout.Token);
            }
            catch (WebSocketException exception)
            {
                var status = (int)client.HttpStatusCode;
                return (false, status > 0 ? $"{url} answered the upgrade with HTTP {status}, not 101" : $"{url}: the upgrade failed: {exception.Message}");
            }

            await client.CloseAsync(WebSocketCloseStatus.NormalClosure, "check", timeout.Token);
            return (true, $"{url} accepts TCP and answers the upgrade with 101");
        }
        catch (SocketException exception)
        {
            return (false, $"{url.Host}:{url.Port}: {exception.SocketErrorCode} ({exception.Message})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"{url} did not answer within {ConnectTimeout.TotalSeconds:0} s");
        }
    }

    private static async Task<(bool, string)> HttpAsync(EnvironmentCheck check, CancellationToken cancellationToken)
    {
        var url = check.Url!;
        using var http = new HttpClient { Timeout = ConnectTimeout };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status != check.Status)
            {
                return (false, $"{url} answered {status}, not {check.Status}");
            }

            if (check.Body is { } wanted && !body.Contains(wanted, StringComparison.Ordinal))
            {
                var start = body.Length > 120 ? body[..120] + "…" : body;
                return (false, $"{url} answered {status} but its body does not contain '{wanted}' (it starts: {start})");
            }

            return (true, $"{url} answered {status}{(check.Body is null ? "" : $" with '{check.Body}' in its body")}");
        }
        catch (HttpRequestException exception)
        {
            return (false, $"{url}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, $"{url} did not answer within {ConnectTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>The leak check: the server's CPU and memory, read once a second, must come under the bounds within the time given.</summary>
    private static async Task<(bool, string)> ServerResourcesAsync(EnvironmentCheck check, int? processId, CancellationToken cancellationToken)
    {
        if (processId is not { } pid)
        {
            return (false, "no server process to sample: give the suite a server:, or run it with --server-pid");
        }

        var tree = new ProcessTree(pid);
        var within = check.Within ?? TimeSpan.FromSeconds(10);
        ProcessTreeReading last = default;
        var started = DateTime.UtcNow;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            if (tree.Sample(1) is not { } reading)
            {
                return (false, $"the server (pid {pid}) is gone");
            }

            last = reading;
            if ((check.MaxCpuPercent is not { } cpu || reading.CpuPercent <= cpu) && (check.MaxMemoryBytes is not { } memory || reading.RssBytes <= memory))
            {
                return (true, Reading(reading, check) + Invariant($" after {(DateTime.UtcNow - started).TotalSeconds:0} s"));
            }
        }
        while (DateTime.UtcNow - started < within);
        return (false, Reading(last, check) + Invariant($", still above after {within.TotalSeconds:0} s"));
    }

    private static string Reading(ProcessTreeReading reading, EnvironmentCheck check) =>
        Invariant($"server CPU {reading.CpuPercent:0.#}%{(check.MaxCpuPercent is { } cpu ? Invariant($" (bound {cpu:0.#}%)") : "")}, ")
        + $"memory {ResourcePlan.Gb(reading.RssBytes)}{(check.MaxMemoryBytes is { } memory ? $" (bound {ResourcePlan.Gb(memory)})" : "")}";

    private static async Task<(bool, string)> CommandAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var outcome = await ShellCommand.RunAsync(command, timeout, cancellationToken);
        if (outcome.TimedOut)
        {
            return (false, Invariant($"`{command}` did not finish within {timeout.TotalSeconds:0} s (stopped)"));
        }

        return outcome.ExitCode == 0
            ? (true, $"`{command}` exited 0")
            : (false, $"`{command}` exited {outcome.ExitCode}{(string.IsNullOrWhiteSpace(outcome.Output) ? "" : ": " + outcome.Output.Trim())}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
