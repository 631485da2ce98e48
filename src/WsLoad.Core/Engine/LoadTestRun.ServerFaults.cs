using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using WsLoad.Connections;
using WsLoad.Results;
using WsLoad.Scenarios;

namespace WsLoad.Engine;

/// <summary>
/// The scenario's <c>serverFaults</c>: at each step's time (on the run's clock) one call to the target server's admin
/// endpoint, recorded on the timeline. A call that fails is recorded as <c>fault-plan-failed</c> with its reason; it does
/// not abort the run (the run then measures a server without that fault, and the timeline says so).
/// </summary>
internal sealed partial class LoadTestRun
{
    /// <summary>An admin call is a few hundred bytes on loopback or a LAN; longer means the server is not listening.</summary>
    private static readonly TimeSpan AdminCallTimeout = TimeSpan.FromSeconds(3);

    private async Task RunServerFaultsAsync(CancellationToken cancellationToken)
    {
        if (_scenario.ServerFaults is not { At.Count: > 0 } faults)
        {
            return;
        }

        var admin = faults.AdminFor(_scenario.Target.Url).ToString().TrimEnd('/');
        using var http = CreateAdminClient();
        foreach (var step in faults.At.OrderBy(s => s.At))
        {
            await WaitUntilAsync(step.At, cancellationToken);

            await ApplyServerFaultAsync(http, admin, step, cancellationToken);
        }
    }

    private async Task ApplyServerFaultAsync(HttpClient http, string admin, ServerFaultStep step, CancellationToken cancellationToken)
    {
        using var request = step switch
        {
            { Set: { } plan } => new HttpRequestMessage(HttpMethod.Put, admin + "/faults") { Content = PlanContent(plan) },
            { Stall: { } stall } => new HttpRequestMessage(HttpMethod.Post, $"{admin}/stall?seconds={stall.TotalSeconds.ToString(CultureInfo.InvariantCulture)}"),
            _ => new HttpRequestMessage(HttpMethod.Delete, admin + "/faults"),
        };
        var failure = await SendAdminAsync(http, request, cancellationToken);
        if (failure is not null)
        {
            _timeline.Record(RunEventSource.Server, "fault-plan-failed", $"{request.Method} {request.RequestUri} failed: {failure}");
        }
        else if (step.Set is { } plan)
        {
            _timeline.Record(RunEventSource.Server, "fault-plan-set", ServerFaultPlanFields.Describe(plan));
        }
        else if (step.Stall is { } stall)
        {
            _timeline.Record(RunEventSource.Server, "server-stalled", $"server stalled for {stall.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", duration: stall);
        }
        else
        {
            _timeline.Record(RunEventSource.Server, "fault-plan-cleared", "server faults cleared");
        }
    }

    /// <summary>Null when the server accepted the call, otherwise why not (one line).</summary>
    private static async Task<string?> SendAdminAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AdminCallTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return $"{(int)response.StatusCode} {response.ReasonPhrase}: {body.ReplaceLineEndings(" ").Trim()}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {AdminCallTimeout.TotalSeconds} s";
        }
        catch (HttpRequestException e)
        {
            return e.Message;
        }
    }

    /// <summary>The plan as JSON, every value a string (the server reads numbers from strings).</summary>
    private static ByteArrayContent PlanContent(IReadOnlyDictionary<string, string> plan)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in plan)
            {
                writer.WriteString(name, value.Trim());
            }

            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
        return content;
    }

    /// <summary>An admin client that trusts what the WebSocket connections trust (target.tls: CA, insecure).</summary>
    private HttpClient CreateAdminClient()
    {
        var tls = WsTlsContext.Create(_scenario.Target.Tls);
        var handler = new SocketsHttpHandler { ConnectTimeout = AdminCallTimeout, UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
            tls.CheckServerCertificate(certificate, chain, errors, _scenario.Target.Url.Host) is null;
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
