using Microsoft.Extensions.Logging;

namespace MedEngine.CdsHooks;

/// <summary>
/// Every log line of the service. None carries patient data, identifiers of patients or encounters, resource contents, URLs with
/// queries, or tokens: only service ids, counts, durations, prefetch keys, status codes and field names.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "MedEngine CDS Hooks: NO AUTHENTICATION. No trusted client is configured, so calls on loopback are accepted without a JWT. Configure CdsHooks:TrustedClients before exposing the service.")]
    public static partial void AnonymousMode(ILogger logger);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "MedEngine CDS Hooks: {ServiceCount} services mapped at /cds-services; JWT required: {Required}; {ClientCount} trusted clients; interrupt threshold {Threshold}")]
    public static partial void Mapped(ILogger logger, int serviceCount, bool required, int clientCount, string threshold);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Evaluated {ServiceId}: {FindingCount} findings, {CardCount} cards, {ElapsedMs} ms")]
    public static partial void Evaluated(ILogger logger, string serviceId, int findingCount, int cardCount, long elapsedMs);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Feedback for {ServiceId}: {Count} outcomes recorded")]
    public static partial void FeedbackRecorded(ILogger logger, string serviceId, int count);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning, Message = "Refused a call to {ServiceId}: {Reason}")]
    public static partial void Unauthorized(ILogger logger, string serviceId, string reason);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Information, Message = "Bad request to {ServiceId}: field {Field}")]
    public static partial void BadRequest(ILogger logger, string serviceId, string field);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Information, Message = "Refused a body over {Limit} bytes for {ServiceId}")]
    public static partial void TooLarge(ILogger logger, string serviceId, long limit);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Could not fetch prefetch key {Key} from the FHIR server: {Reason}")]
    public static partial void FetchFailed(ILogger logger, string key, string reason);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Debug, Message = "Fetched prefetch key {Key} from the FHIR server")]
    public static partial void Fetched(ILogger logger, string key);

    [LoggerMessage(EventId = 4040, Level = LogLevel.Warning, Message = "The event store is not available ({Error}); answered 503")]
    public static partial void StoreUnavailable(ILogger logger, string error);
}
