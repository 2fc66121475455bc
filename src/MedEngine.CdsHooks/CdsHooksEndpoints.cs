using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MedEngine.CdsHooks.Audit;
using MedEngine.CdsHooks.Auth;
using MedEngine.CdsHooks.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace MedEngine.CdsHooks;

/// <summary>Maps the MedEngine CDS Hooks endpoints into an ASP.NET Core host.</summary>
public static class CdsHooksEndpoints
{
    /// <summary>The JSON options of every response: camelCase names as declared, nulls left out, Norwegian letters as written.</summary>
    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Maps <c>GET /cds-services</c> (discovery), <c>POST /cds-services/{id}</c> (a hook call) and
    /// <c>POST /cds-services/{id}/feedback</c>. Register the services first with
    /// <see cref="CdsHooksServiceCollectionExtensions.AddMedEngineCdsHooks"/>. The options are checked, the rules loaded and the evaluation path warmed
    /// here, so a misconfiguration stops the host at start and the first call is not slow.
    /// </summary>
    /// <param name="endpoints">The host's endpoint builder (for example the <c>WebApplication</c>).</param>
    /// <returns>The route group, for the host's own conventions (CORS, rate limits...).</returns>
    public static RouteGroupBuilder MapMedEngineCdsHooks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<CdsHooksOptions>>().Value;
        var authenticator = services.GetRequiredService<CdsJwtAuthenticator>();
        services.GetRequiredService<CdsHooksEvaluator>().Warm();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("MedEngine.CdsHooks");
        if (!authenticator.Required)
        {
            Log.AnonymousMode(logger);
        }

        Log.Mapped(logger, CdsServices.All.Count, authenticator.Required, options.TrustedClients.Count, Findings.Severities.ToName(options.InterruptThreshold));
        var group = endpoints.MapGroup("/cds-services");
        group.MapGet("", () => Results.Json(new { services = CdsServices.All }, Json));
        group.MapPost("/{id}", (HttpContext context, string id) => CallAsync(context, id, logger));
        group.MapPost("/{id}/feedback", (HttpContext context, string id) => FeedbackAsync(context, id, logger));
        return group;
    }

    private static async Task<IResult> CallAsync(HttpContext context, string id, ILogger logger)
    {
        var (service, body, failure) = await AdmitAsync(context, id, logger).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        try
        {
            var request = CdsRequestParser.Parse(body, service!);
            var evaluator = context.RequestServices.GetRequiredService<CdsHooksEvaluator>();
            var response = await evaluator.EvaluateAsync(service!, request, context.Items[ClientKey] as string, context.RequestAborted).ConfigureAwait(false);
            return Results.Json(response, Json);
        }
        catch (CdsRequestException e)
        {
            Log.BadRequest(logger, id, e.Field);
            return Error(StatusCodes.Status400BadRequest, e.Message, e.Field);
        }
    }

    private static async Task<IResult> FeedbackAsync(HttpContext context, string id, ILogger logger)
    {
        var (service, body, failure) = await AdmitAsync(context, id, logger).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        try
        {
            var items = FeedbackParser.Parse(body);
            var audit = context.RequestServices.GetRequiredService<IAuditTrail>();
            var time = context.RequestServices.GetRequiredService<TimeProvider>();
            var records = new List<AuditFeedback>();
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                var card = await audit.FindCardAsync(item.Card, context.RequestAborted).ConfigureAwait(false);
                if (card is null || card.ServiceId != service!.Id)
                {
                    throw new CdsRequestException($"feedback[{i}].card", $"No card '{item.Card}' was sent by service '{id}'.");
                }

                records.Add(new AuditFeedback(card, item.Outcome, item.AcceptedSuggestions, item.ReasonCode, item.ReasonDisplay, item.Comment, item.OutcomeAt, time.GetUtcNow(), context.Items[ClientKey] as string));
            }

            foreach (var record in records)
            {
                await audit.RecordFeedbackAsync(record, context.RequestAborted).ConfigureAwait(false);
            }

            Log.FeedbackRecorded(logger, id, records.Count);
            return Results.Ok();
        }
        catch (CdsRequestException e)
        {
            Log.BadRequest(logger, id, e.Field);
            return Error(StatusCodes.Status400BadRequest, e.Message, e.Field);
        }
    }

    private const string ClientKey = "MedEngine.CdsHooks.Client";

    /// <summary>The checks every POST passes: a known service (404), a valid JWT (401), a body within the limit (413).</summary>
    private static async Task<(CdsService? Service, byte[] Body, IResult? Failure)> AdmitAsync(HttpContext context, string id, ILogger logger)
    {
        var service = CdsServices.Find(id);
        if (service is null)
        {
            return (null, [], Error(StatusCodes.Status404NotFound, $"No CDS service '{id}'. GET /cds-services lists them.", "id"));
        }

        if (await AuthenticateAsync(context, id, logger).ConfigureAwait(false) is { } unauthorized)
        {
            return (service, [], unauthorized);
        }

        var (body, failure) = await ReadBodyAsync(context, id, logger).ConfigureAwait(false);
        return (service, body, failure);
    }

    /// <summary>Checks the caller's JWT (the audience may name <paramref name="id"/>); answers 401 when it fails.</summary>
    internal static async Task<IResult?> AuthenticateAsync(HttpContext context, string id, ILogger logger)
    {
        var auth = await context.RequestServices.GetRequiredService<CdsJwtAuthenticator>().AuthenticateAsync(context, id).ConfigureAwait(false);
        if (!auth.Succeeded)
        {
            Log.Unauthorized(logger, id, auth.Failure!);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, $"Unauthorized: {auth.Failure}.", "Authorization");
        }

        context.Items[ClientKey] = auth.Issuer;
        return null;
    }

    /// <summary>Reads a JSON body (415 for another Content-Type) up to <see cref="CdsHooksOptions.MaxRequestBodyBytes"/> (413 over it).</summary>
    internal static async Task<(byte[] Body, IResult? Failure)> ReadBodyAsync(HttpContext context, string id, ILogger logger)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || contentType.MediaType.Value is not ("application/json" or "application/fhir+json"))
        {
            return ([], Error(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON: Content-Type application/json or application/fhir+json.", "Content-Type"));
        }

        var limit = context.RequestServices.GetRequiredService<IOptions<CdsHooksOptions>>().Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            Log.TooLarge(logger, id, limit);
            return ([], Error(StatusCodes.Status413PayloadTooLarge, $"The body is over {limit} bytes.", "$"));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature && feature.MaxRequestBodySize < limit + 1)
        {
            feature.MaxRequestBodySize = limit + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                Log.TooLarge(logger, id, limit);
                return ([], Error(StatusCodes.Status413PayloadTooLarge, $"The body is over {limit} bytes.", "$"));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>
    /// An error answer as problem details (RFC 9457, <c>application/problem+json</c>): the status, its reason phrase as the title,
    /// what is wrong as the detail, and the request field it is in (<c>$</c> for the whole body), with every input issue when
    /// there are several.
    /// </summary>
    internal static IResult Error(int status, string message, string field, object? issues = null)
    {
        var problem = new ProblemDetails { Status = status, Title = ReasonPhrases.GetReasonPhrase(status), Detail = message };
        problem.Extensions["field"] = field;
        if (issues is not null)
        {
            problem.Extensions["issues"] = issues;
        }

        return Results.Problem(problem);
    }
}
