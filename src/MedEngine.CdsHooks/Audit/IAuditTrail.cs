using MedEngine.Findings;

namespace MedEngine.CdsHooks.Audit;

/// <summary>
/// The append-only record of what the service decided and what clinicians did with it: every evaluation with its findings, every
/// feedback outcome, every override. Nothing is ever changed or removed. Implementations must be thread-safe and must never be
/// given access tokens (the service never passes them). The default is <see cref="EventStoreAuditTrail"/>, in the patients' event store.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends one evaluation and its findings.</summary>
    /// <param name="evaluation">The evaluation.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the record is durable.</returns>
    Task RecordEvaluationAsync(AuditEvaluation evaluation, CancellationToken cancellationToken = default);

    /// <summary>Appends one feedback outcome (and, for <c>overridden</c>, the override it records).</summary>
    /// <param name="feedback">The feedback.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the record is durable.</returns>
    Task RecordFeedbackAsync(AuditFeedback feedback, CancellationToken cancellationToken = default);

    /// <summary>Finds the finding a card was sent for.</summary>
    /// <param name="cardUuid">The card's uuid.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The card, or <see langword="null"/> when no card with that uuid was sent.</returns>
    Task<AuditCard?> FindCardAsync(string cardUuid, CancellationToken cancellationToken = default);

    /// <summary>The overrides recorded for a patient, oldest first.</summary>
    /// <param name="patientId">The patient id as the EHR gives it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The overrides.</returns>
    Task<IReadOnlyList<FindingOverride>> OverridesAsync(string patientId, CancellationToken cancellationToken = default);

    /// <summary>The evaluations recorded for a patient, oldest first.</summary>
    /// <param name="patientId">The patient id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The evaluations.</returns>
    Task<IReadOnlyList<AuditEvaluation>> EvaluationsAsync(string patientId, CancellationToken cancellationToken = default);

    /// <summary>The feedback recorded for a patient, oldest first.</summary>
    /// <param name="patientId">The patient id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The feedback.</returns>
    Task<IReadOnlyList<AuditFeedback>> FeedbackAsync(string patientId, CancellationToken cancellationToken = default);
}

/// <summary>What happened to a finding in one evaluation.</summary>
public enum FindingDisposition
{
    /// <summary>Sent as a card.</summary>
    Card,
    /// <summary>Below the host's interrupt threshold, or filtered out by tag.</summary>
    BelowThreshold,
    /// <summary>Quiet: overridden before for the same patient and context.</summary>
    Overridden,
    /// <summary>Not about a drafted or selected order (order hooks only).</summary>
    NotAboutOrder,
}

/// <summary>One finding of an evaluation.</summary>
/// <param name="FindingKey">The finding's key.</param>
/// <param name="RuleId">The rule id.</param>
/// <param name="RuleVersion">The rule version.</param>
/// <param name="Severity">The severity after modifiers.</param>
/// <param name="Disposition">Whether it was sent, and why not.</param>
/// <param name="CardUuid">The card's uuid when sent.</param>
/// <param name="Summary">The card summary (or the finding's title when not sent).</param>
public sealed record AuditFinding(string FindingKey, string RuleId, int RuleVersion, Severity Severity, FindingDisposition Disposition, string? CardUuid, string Summary);

/// <summary>One evaluation: a hook call and what came of it.</summary>
/// <param name="HookInstance">The EHR's hook instance id.</param>
/// <param name="ServiceId">The service called.</param>
/// <param name="Hook">The hook.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Context">The override context (encounter id, or empty).</param>
/// <param name="UserId">The clinician, when the EHR names one.</param>
/// <param name="Client">The verified JWT issuer, or <see langword="null"/> for an anonymous loopback call.</param>
/// <param name="At">When.</param>
/// <param name="Findings">Every finding, sent or not.</param>
public sealed record AuditEvaluation(
    string HookInstance, string ServiceId, string Hook, string PatientId, string Context, string? UserId, string? Client, DateTimeOffset At, IReadOnlyList<AuditFinding> Findings);

/// <summary>A card as sent, for feedback to refer to.</summary>
/// <param name="CardUuid">The card's uuid.</param>
/// <param name="ServiceId">The service that sent it.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="Context">The override context.</param>
/// <param name="FindingKey">The finding's key.</param>
/// <param name="RuleId">The rule id.</param>
public sealed record AuditCard(string CardUuid, string ServiceId, string PatientId, string Context, string FindingKey, string RuleId);

/// <summary>One feedback outcome for a card.</summary>
/// <param name="Card">The card it is about.</param>
/// <param name="Outcome"><c>accepted</c> or <c>overridden</c>.</param>
/// <param name="AcceptedSuggestions">The uuids of accepted suggestions.</param>
/// <param name="OverrideReason">The override reason code, when given.</param>
/// <param name="OverrideReasonDisplay">Its display text.</param>
/// <param name="Comment">The clinician's comment.</param>
/// <param name="OutcomeAt">When the clinician acted, as the EHR says.</param>
/// <param name="RecordedAt">When the service recorded it.</param>
/// <param name="Client">The verified JWT issuer, or <see langword="null"/>.</param>
public sealed record AuditFeedback(
    AuditCard Card, string Outcome, IReadOnlyList<string> AcceptedSuggestions, string? OverrideReason, string? OverrideReasonDisplay, string? Comment,
    DateTimeOffset? OutcomeAt, DateTimeOffset RecordedAt, string? Client);
