using System.Text.Json;
using System.Text.Json.Serialization;
using MedEngine.Findings;
using MedEngine.Persistence;

namespace MedEngine.CdsHooks.Audit;

/// <summary>
/// The audit trail in the patients' event store: each evaluation and each feedback is an event of the patient's own log
/// (<see cref="PatientRecordTypes.CdsEvaluation"/>, <see cref="PatientRecordTypes.CdsFeedback"/>), numbered in order with the
/// events that changed the list, so replaying the log to an evaluation's sequence shows the list it was made on. The store keeps
/// the guarantees: append-only, durable before the call returns, and the same file or database as the patients' lists. An
/// evaluation is stored under the uuid of each card it sent (<see cref="NewPatientEvent.Keys"/>), which is how feedback, naming
/// only a card, finds its patient. Thread-safe.
/// </summary>
/// <param name="store">The patients' event store.</param>
public sealed class EventStoreAuditTrail(IPatientEventStore store) : IAuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <inheritdoc />
    public Task RecordEvaluationAsync(AuditEvaluation evaluation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var record = Record(PatientRecordTypes.CdsEvaluation, JsonSerializer.Serialize(evaluation, Json), evaluation.At) with
        {
            Keys = evaluation.Findings.Select(f => f.CardUuid).OfType<string>().ToList(),
        };
        return store.AppendAsync(evaluation.PatientId, [record], cancellationToken);
    }

    /// <inheritdoc />
    public Task RecordFeedbackAsync(AuditFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        return store.AppendAsync(feedback.Card.PatientId, [Record(PatientRecordTypes.CdsFeedback, JsonSerializer.Serialize(feedback, Json), feedback.RecordedAt)], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<AuditCard?> FindCardAsync(string cardUuid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cardUuid);
        if (cardUuid.Length == 0 || await store.FindByKeyAsync(cardUuid, cancellationToken).ConfigureAwait(false) is not { Type: PatientRecordTypes.CdsEvaluation } stored)
        {
            return null;
        }

        var evaluation = Read<AuditEvaluation>(stored);
        return evaluation.Findings.FirstOrDefault(f => f.CardUuid == cardUuid) is { } finding
            ? new AuditCard(cardUuid, evaluation.ServiceId, evaluation.PatientId, evaluation.Context, finding.FindingKey, finding.RuleId)
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FindingOverride>> OverridesAsync(string patientId, CancellationToken cancellationToken = default) =>
        (await FeedbackAsync(patientId, cancellationToken).ConfigureAwait(false))
            .Where(f => f.Outcome == "overridden")
            .Select(f => new FindingOverride(f.Card.FindingKey, f.Card.Context, f.OverrideReasonDisplay ?? f.OverrideReason ?? "", f.Comment, f.Client, f.OutcomeAt ?? f.RecordedAt))
            .ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditEvaluation>> EvaluationsAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        return (await store.ReadTypeAsync(patientId, PatientRecordTypes.CdsEvaluation, cancellationToken).ConfigureAwait(false)).Select(Read<AuditEvaluation>).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AuditFeedback>> FeedbackAsync(string patientId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(patientId);
        return (await store.ReadTypeAsync(patientId, PatientRecordTypes.CdsFeedback, cancellationToken).ConfigureAwait(false)).Select(Read<AuditFeedback>).ToList();
    }

    private static NewPatientEvent Record(string type, string payload, DateTimeOffset at) => new(Guid.NewGuid().ToString("D"), type, payload, at, null);

    private static T Read<T>(StoredPatientEvent stored)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(stored.Payload, Json) ?? throw new JsonException("The payload is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Patient '{stored.PatientId}': stored record {stored.Sequence} ({stored.Type}) cannot be read: {e.Message}", e);
        }
    }
}
