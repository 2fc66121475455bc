namespace MedEngine.Persistence;

/// <summary>
/// Optional beside <see cref="IPatientEventStore"/>: each patient's latest snapshot, so that loading a patient folds the
/// snapshot and the events after it instead of the whole log. A snapshot is derived from the log and may be replaced by a
/// newer one (the log itself is never changed); a missing or unreadable snapshot only makes the load fold the whole log.
/// <see cref="DurablePatient"/> uses it when the event store implements it, as both shipped stores do.
/// </summary>
public interface IPatientSnapshotStore
{
    /// <summary>Keeps a snapshot unless a newer one (a higher sequence) is already kept.</summary>
    /// <param name="snapshot">The snapshot.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>When it is written.</returns>
    Task SaveSnapshotAsync(StoredSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>The patient's latest snapshot.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshot, or <see langword="null"/> when none is kept.</returns>
    Task<StoredSnapshot?> ReadSnapshotAsync(string patientId, CancellationToken cancellationToken = default);
}

/// <summary>A patient's state at one sequence number, as the events that rebuild it.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Sequence">The last event it folds in.</param>
/// <param name="Payload">A JSON array in the patient event format: each held list replaced, then the patient's facts.</param>
/// <param name="RuleSetHash">Which rules evaluated the event at <paramref name="Sequence"/>, if recorded.</param>
public sealed record StoredSnapshot(string PatientId, long Sequence, string Payload, string? RuleSetHash);
