using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WsLoad.Server.Hosting;

/// <summary>The errors of a refused <c>PUT /admin/faults</c>, one line each.</summary>
internal sealed record FaultPlanErrors(IReadOnlyList<string> Errors);

/// <summary>
/// <c>/admin/faults</c>: <c>GET</c> returns the plan in force as a <see cref="FaultPlanDocument"/>, <c>PUT</c> replaces
/// it (400 with every reason when it is invalid; the plan in force stays), <c>DELETE</c> clears it. PUT and DELETE
/// answer with the plan now in force. Threading: stateless; <see cref="TargetServer.SetFaults"/> serialises replacements.
/// </summary>
internal sealed class FaultPlanEndpoint(TargetServer server)
{
    public static readonly PathString Path = new("/admin/faults");

    /// <summary>A plan is a few hundred bytes; anything much larger is a mistake.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        context.Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsGet(request.Method))
        {
            await WritePlanAsync(context);
        }
        else if (HttpMethods.IsDelete(request.Method))
        {
            server.SetFaults(ServerFaults.None);
            await WritePlanAsync(context);
        }
        else if (HttpMethods.IsPut(request.Method))
        {
            await PutAsync(context);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, PUT, DELETE";
        }
    }

    private async Task PutAsync(HttpContext context)
    {
        var errors = new List<string>();
        var document = await ReadAsync(context, errors);
        var faults = document?.ToFaults(errors);
        if (faults is not null && errors.Count == 0)
        {
            errors.AddRange(OptionsValidator.FaultErrors(faults, server.Options.Mode));
        }

        if (errors.Count > 0 || faults is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new FaultPlanErrors(errors), ServerJsonContext.Default.FaultPlanErrors, cancellationToken: context.RequestAborted);
            return;
        }

        server.SetFaults(faults);
        await WritePlanAsync(context);
    }

    private static async Task<FaultPlanDocument?> ReadAsync(HttpContext context, List<string> errors)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            errors.Add($"the plan must be at most {MaxBodyBytes} bytes of JSON.");
            return null;
        }

        try
        {
            var document = await JsonSerializer.DeserializeAsync(context.Request.Body, ServerJsonContext.Default.FaultPlanDocument, context.RequestAborted);
            if (document is null)
            {
                errors.Add("the body must be a JSON object with the plan's fields (an empty object {} clears every fault).");
            }

            return document;
        }
        catch (JsonException e)
        {
            errors.Add($"not a fault plan: {e.Message}");
            return null;
        }
    }

    private Task WritePlanAsync(HttpContext context) =>
        context.Response.WriteAsJsonAsync(FaultPlanDocument.From(server.CurrentFaults), ServerJsonContext.Default.FaultPlanDocument, cancellationToken: context.RequestAborted);
}
