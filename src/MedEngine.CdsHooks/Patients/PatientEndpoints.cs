using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Persistence;
using MedEngine.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedEngine.CdsHooks.Patients;

/// <summary>
/// The patient API (<c>docs/patient-api.md</c>): systems put source lists and post events, screens read the current list and
/// follow its changes, auditors read the log. Same authentication and body limit as the CDS Hooks endpoints. A write answers
/// only once it is durable; a store that cannot write answers 503 with <c>Retry-After</c>.
/// </summary>
public static class PatientEndpoints
{
    private const string FhirJson = "application/fhir+json";
    private static readonly ISourceReader Readers = new SourceReaderSet(new FhirInputReader(), new SourceListJsonReader());

    /// <summary>
    /// Maps <c>PUT /patients/{patientId}/sources/{sourceId}</c>, <c>POST /patients/{patientId}/events</c>,
    /// <c>GET /patients/{patientId}/list</c>, <c>GET /patients/{patientId}/events</c>, <c>GET /patients/{patientId}/changes</c>,
    /// <c>POST /patients/{patientId}/decisions</c>, <c>GET /patients/{patientId}/confirmed</c> and <c>GET /patients/{patientId}/since-confirmed</c>.
    /// Register the services first with <see cref="CdsHooksServiceCollectionExtensions.AddMedEngineCdsHooks"/>.
    /// </summary>
    /// <param name="endpoints">The host's endpoint builder.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapMedEnginePatients(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("MedEngine.Patients");
        var group = endpoints.MapGroup("/patients/{patientId}");
        group.MapPut("/sources/{sourceId}", (HttpContext context, string patientId, string sourceId) => Guarded(context, logger, () => PutSourceAsync(context, patientId, sourceId, logger)));
        group.MapPost("/events", (HttpContext context, string patientId) => Guarded(context, logger, () => PostEventsAsync(context, patientId, logger)));
        group.MapGet("/list", (HttpContext context, string patientId) => Guarded(context, logger, () => GetListAsync(context, patientId)));
        group.MapGet("/events", (HttpContext context, string patientId, long? after) => Guarded(context, logger, () => GetEventsAsync(context, patientId, after ?? 0)));
        group.MapGet("/changes", (HttpContext context, string patientId) => Guarded(context, logger, () => ChangesAsync(context, patientId)));
        group.MapPost("/decisions", (HttpContext context, string patientId) => Guarded(context, logger, () => PostDecisionsAsync(context, patientId, logger)));
        group.MapGet("/confirmed", (HttpContext context, string patientId) => Guarded(context, logger, () => GetConfirmedAsync(context, patientId, since: false)));
        group.MapGet("/since-confirmed", (HttpContext context, string patientId) => Guarded(context, logger, () => GetConfirmedAsync(context, patientId, since: true)));
        return group;
    }

    /// <summary>Authenticates, then runs the handler; a store that cannot read or write answers 503 with <c>Retry-After</c>.</summary>
    private static async Task<IResult> Guarded(HttpContext context, ILogger logger, Func<Task<IResult>> handle)
    {
        if (await CdsHooksEndpoints.AuthenticateAsync(context, "patients", logger).ConfigureAwait(false) is { } unauthorized)
        {
            return unauthorized;
        }

        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (Exception e) when (IsStoreFailure(e) && !context.RequestAborted.IsCancellationRequested)
        {
            Log.StoreUnavailable(logger, e.GetType().Name);
            context.Response.Headers.RetryAfter = "1";
            return CdsHooksEndpoints.Error(StatusCodes.Status503ServiceUnavailable, "The event store is not available; nothing was changed. Try again.", "$");
        }
    }

    private static bool IsStoreFailure(Exception e) => e is IOException or TimeoutException or System.Data.Common.DbException;

    private static async Task<IResult> PutSourceAsync(HttpContext context, string patientId, string sourceId, ILogger logger)
    {
        SourceKind? kind = null;
        if (context.Request.Query["kind"] is { Count: > 0 } kindValues)
        {
            if (kindValues.Count > 1 || !SourceKinds.TryParse(kindValues[0], out var parsed))
            {
                return CdsHooksEndpoints.Error(StatusCodes.Status400BadRequest, $"kind: expected one of {string.Join(", ", SourceKinds.AllNames)}.", "kind");
            }

            kind = parsed;
        }

        var (body, failure) = await CdsHooksEndpoints.ReadBodyAsync(context, "patients", logger).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var where = $"PUT /patients/{patientId}/sources/{sourceId}";
        var (text, notText) = InputFiles.Decode(body, where);
        if (text is null)
        {
            return Invalid([notText!]);
        }

        var read = Readers.Read(text, where, kind);
        if (!read.IsComplete)
        {
            return Invalid(read.Issues);
        }

        if (read.Patients.Count != 1 || read.Patients[0].Lists.Count != 1)
        {
            return Invalid([new InputError(InputIssueCodes.FhirSeveralPatients, where,
                $"The body must hold one source list; it holds {read.Patients.Sum(p => p.Lists.Count)}. PUT each source to its own URL.")]);
        }

        var input = read.Patients[0];
        var list = input.Lists[0];
        var eventId = context.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null;
        var patients = context.RequestServices.GetRequiredService<IPatientService>();
        return await ApplyAsync(context, () => patients.ReplaceSourceAsync(patientId, new SourceList(list.Source with { Id = sourceId }, list.Entries), input.Patient, eventId, context.RequestAborted))
            .ConfigureAwait(false);
    }

    private static async Task<IResult> PostEventsAsync(HttpContext context, string patientId, ILogger logger)
    {
        var (body, failure) = await CdsHooksEndpoints.ReadBodyAsync(context, "patients", logger).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var (text, notText) = InputFiles.Decode(body, $"POST /patients/{patientId}/events");
        if (text is null)
        {
            return Invalid([notText!]);
        }

        var read = PatientEventJson.Read(text, $"POST /patients/{patientId}/events");
        if (read.Errors.Count > 0)
        {
            return Invalid(read.Errors);
        }

        if (read.Events.Count == 0)
        {
            return Invalid([new InputError(InputIssueCodes.JsonRequired, $"POST /patients/{patientId}/events", "At least one event.") { Field = "$" }]);
        }

        var patients = context.RequestServices.GetRequiredService<IPatientService>();
        return await ApplyAsync(context, () => patients.ApplyAsync(patientId, read.Events, context.RequestAborted)).ConfigureAwait(false);
    }

    /// <summary>Clinicians' decisions: <c>lineDecided</c>, <c>listConfirmed</c> and <c>entryMatched</c> events only, without the basis the engine records.</summary>
    private static async Task<IResult> PostDecisionsAsync(HttpContext context, string patientId, ILogger logger)
    {
        var (body, failure) = await CdsHooksEndpoints.ReadBodyAsync(context, "patients", logger).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var where = $"POST /patients/{patientId}/decisions";
        var (text, notText) = InputFiles.Decode(body, where);
        if (text is null)
        {
            return Invalid([notText!]);
        }

        var read = PatientEventJson.Read(text, where);
        if (read.Errors.Count > 0)
        {
            return Invalid(read.Errors);
        }

        var problems = read.Events.Select((e, i) => e.Event switch
        {
            LineDecided { Basis: not null } => new InputError(InputIssueCodes.JsonUnknownField, where, "The engine records what a decision was made on; leave it out.") { Entry = $"#{i}", Field = "basis" },
            ListConfirmed { Lines: not null } => new InputError(InputIssueCodes.JsonUnknownField, where, "The engine records what was confirmed; leave it out.") { Entry = $"#{i}", Field = "lines" },
            LineDecided or ListConfirmed or EntryMatched => null,
            _ => new InputError(InputIssueCodes.JsonUnknownCode, where, "Only lineDecided, listConfirmed and entryMatched events are decisions; send list changes to /events.") { Entry = $"#{i}", Field = "type" },
        }).OfType<InputError>().ToList();
        if (read.Events.Count == 0)
        {
            problems.Add(new InputError(InputIssueCodes.JsonRequired, where, "At least one decision.") { Field = "$" });
        }

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        var patients = context.RequestServices.GetRequiredService<IPatientService>();
        if (await patients.GetAsync(patientId, context.RequestAborted).ConfigureAwait(false) is null)
        {
            return UnknownPatient(patientId);
        }

        return await ApplyAsync(context, () => patients.ApplyAsync(patientId, read.Events, context.RequestAborted)).ConfigureAwait(false);
    }

    /// <summary>The confirmed list (<c>docs/confirmed-list.md</c>), or what changed since it with the events behind each line.</summary>
    private static async Task<IResult> GetConfirmedAsync(HttpContext context, string patientId, bool since)
    {
        var snapshot = await context.RequestServices.GetRequiredService<IPatientService>().GetAsync(patientId, context.RequestAborted).ConfigureAwait(false);
        if (snapshot?.Confirmed is not { } confirmed)
        {
            return UnknownPatient(patientId);
        }

        context.Response.Headers.ETag = $"\"{snapshot.Sequence}\"";
        using var stream = new MemoryStream();
        if (since)
        {
            var store = context.RequestServices.GetRequiredService<IPatientEventStore>();
            var behind = await SinceConfirmedEvents.FindAsync(store, patientId, confirmed, snapshot.Evaluation.List, context.RequestAborted).ConfigureAwait(false);
            ConfirmedListJsonWriter.WriteSince(patientId, snapshot.Sequence, confirmed, behind, stream);
        }
        else
        {
            ConfirmedListJsonWriter.Write(patientId, snapshot.Sequence, confirmed, stream);
        }

        return Results.Text(Encoding.UTF8.GetString(stream.ToArray()), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> ApplyAsync(HttpContext context, Func<Task<PatientChange>> apply)
    {
        try
        {
            var change = await apply().ConfigureAwait(false);
            return Results.Text(PatientChangeJson.Write(change), "application/json", Encoding.UTF8);
        }
        catch (PatientEventRejectedException e)
        {
            return CdsHooksEndpoints.Error(StatusCodes.Status409Conflict, e.Message, "$");
        }
        catch (PatientEventConflictException e)
        {
            context.Response.Headers.RetryAfter = "1";
            return CdsHooksEndpoints.Error(StatusCodes.Status409Conflict, e.Message, "$");
        }
    }

    private static async Task<IResult> GetListAsync(HttpContext context, string patientId)
    {
        var snapshot = await context.RequestServices.GetRequiredService<IPatientService>().GetAsync(patientId, context.RequestAborted).ConfigureAwait(false);
        if (snapshot is null)
        {
            return UnknownPatient(patientId);
        }

        context.Response.Headers.ETag = $"\"{snapshot.Sequence}\"";
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        if (context.Request.Headers.Accept.Any(a => a is not null && a.Contains(FhirJson, StringComparison.OrdinalIgnoreCase)))
        {
            using var fhir = new StringWriter();
            await new FhirEvaluationWriter(time, "Patient/" + patientId).WriteAsync(snapshot.Evaluation, fhir, context.RequestAborted).ConfigureAwait(false);
            return Results.Text(fhir.ToString(), FhirJson, Encoding.UTF8);
        }

        using var stream = new MemoryStream();
        new ReconciliationJsonWriter().Write(snapshot.Evaluation, stream);
        var document = JsonNode.Parse(stream.ToArray())!.AsObject();
        var answer = new JsonObject { ["patientId"] = patientId, ["sequence"] = snapshot.Sequence, ["ruleSet"] = snapshot.RuleSetHash };
        foreach (var (name, value) in document.ToList())
        {
            document.Remove(name);
            answer[name] = value;
        }

        return Results.Text(answer.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> GetEventsAsync(HttpContext context, string patientId, long after)
    {
        var store = context.RequestServices.GetRequiredService<IPatientEventStore>();
        var events = await store.ReadAsync(patientId, Math.Max(0, after), context.RequestAborted).ConfigureAwait(false);
        if (events.Count == 0 && (after <= 0 || (await store.ReadAsync(patientId, 0, context.RequestAborted).ConfigureAwait(false)).Count == 0))
        {
            return UnknownPatient(patientId);
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("patientId", patientId);
            json.WriteStartArray("events");
            foreach (var e in events)
            {
                json.WriteStartObject();
                json.WriteNumber("sequence", e.Sequence);
                json.WriteString("eventId", e.EventId);
                json.WriteString("type", e.Type);
                json.WriteString("receivedAt", e.ReceivedAt);
                json.WriteString("ruleSet", e.RuleSetHash);
                json.WritePropertyName("event");
                json.WriteRawValue(e.Payload, skipInputValidation: true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Results.Text(Encoding.UTF8.GetString(stream.ToArray()), "application/json", Encoding.UTF8);
    }

    /// <summary>Server-Sent Events: one <c>change</c> event per durable change (its <c>id</c> is the sequence), a comment every 15 s.</summary>
    private static async Task<IResult> ChangesAsync(HttpContext context, string patientId)
    {
        var patients = context.RequestServices.GetRequiredService<IPatientService>();
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        var changes = patients.WatchAsync(patientId, context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        await using (changes.ConfigureAwait(false))
        {
            var next = changes.MoveNextAsync().AsTask();
            await response.WriteAsync(": watching " + patientId + "\n\n", context.RequestAborted).ConfigureAwait(false);
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                var ready = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(15), context.RequestAborted)).ConfigureAwait(false);
                if (ready != next)
                {
                    await response.WriteAsync(": keep-alive\n\n", context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    if (!await next.ConfigureAwait(false))
                    {
                        break;
                    }

                    var change = changes.Current;
                    await response.WriteAsync($"id: {change.Sequence}\nevent: change\ndata: {PatientChangeJson.Write(change)}\n\n", context.RequestAborted).ConfigureAwait(false);
                    next = changes.MoveNextAsync().AsTask();
                }

                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }

        return Results.Empty;
    }

    private static IResult Invalid(IReadOnlyList<InputError> issues) =>
        CdsHooksEndpoints.Error(StatusCodes.Status400BadRequest, issues[0].ToString(), issues[0].Field ?? "$",
            issues.Select(i => new { code = i.Code, entry = i.Entry, field = i.Field, message = i.Message, line = i.Line }).ToList());

    private static IResult UnknownPatient(string patientId) =>
        CdsHooksEndpoints.Error(StatusCodes.Status404NotFound, $"No patient '{patientId}': nothing was ever stored for it.", "patientId");
}
