namespace MedEngine.Persistence;

/// <summary>An event to append to a patient's log.</summary>
/// <param name="EventId">The sender's id for the event (its idempotency key), unique in the patient's log.</param>
/// <param name="Type">What kind of event it is (for patient events, the <c>type</c> of the patient event format).</param>
/// <param name="Payload">The event as JSON (for patient events, the patient event format).</param>
/// <param name="ReceivedAt">When the engine received it, from the host's clock.</param>
/// <param name="RuleSetHash">Which rules evaluated it (<see cref="MedEngineRuntime.RuleSetHash"/>), if any.</param>
public sealed record NewPatientEvent(string EventId, string Type, string Payload, DateTimeOffset ReceivedAt, string? RuleSetHash)
{
    /// <summary>
    /// Names by which the event can be found across every patient (<see cref="IPatientEventStore.FindByKeyAsync"/>), each unique in
    /// the store: for a CDS Hooks evaluation, the uuid of each card it sent, which feedback names without naming the patient.
    /// </summary>
    public IReadOnlyList<string> Keys { get; init; } = [];
}

/// <summary>An event as stored in a patient's log.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Sequence">Its number in the patient's log: 1 for the first, each next one higher by 1.</param>
/// <param name="EventId">The sender's id for the event.</param>
/// <param name="Type">What kind of event it is.</param>
/// <param name="Payload">The event as JSON.</param>
/// <param name="ReceivedAt">When the engine received it.</param>
/// <param name="RuleSetHash">Which rules evaluated it, if any.</param>
public sealed record StoredPatientEvent(string PatientId, long Sequence, string EventId, string Type, string Payload, DateTimeOffset ReceivedAt, string? RuleSetHash);

/// <summary>An append refused because it conflicts with the log: an event id already stored, or a sequence number taken by another writer.</summary>
public sealed class PatientEventConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PatientEventConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What conflicted.</param>
    public PatientEventConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What conflicted.</param>
    /// <param name="innerException">The database's error.</param>
    public PatientEventConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
