namespace MedEngine.Persistence;

/// <summary>
/// The durable, append-only log of everything the engine was told about each patient: per patient, events numbered 1, 2, 3...
/// in the order they were accepted, each with the sender's event id (an idempotency key), when it was received, and which
/// rules evaluated it. Nothing stored is ever changed or removed. A patient's session is the fold of its log.
/// Implementations are thread-safe, create their schema on first start, and complete an append only once it is durable.
/// The embedded default is <c>SqlitePatientEventStore</c> (<c>MedEngine.Persistence.Sqlite</c>).
/// </summary>
public interface IPatientEventStore
{
    /// <summary>
    /// Appends events to one patient's log, all or none, numbering them after the last stored event. Completes when they are
    /// durable (on disk, or committed by the database server).
    /// </summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="events">The events, in order; at least one.</param>
    /// <param name="cancellationToken">Cancels the append before it is committed.</param>
    /// <returns>The stored events with their sequence numbers, in order.</returns>
    /// <exception cref="PatientEventConflictException">
    /// An event id is already in this patient's log (delivered twice), a key (<see cref="NewPatientEvent.Keys"/>) is already in the
    /// store, or another writer appended the same sequence first; nothing was appended.
    /// </exception>
    Task<IReadOnlyList<StoredPatientEvent>> AppendAsync(string patientId, IReadOnlyList<NewPatientEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Reads one patient's log after a sequence number, in order.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="afterSequence">Only events with a higher sequence number (0 reads the whole log).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events; empty for a patient the store has never seen.</returns>
    Task<IReadOnlyList<StoredPatientEvent>> ReadAsync(string patientId, long afterSequence = 0, CancellationToken cancellationToken = default);

    /// <summary>Finds which of some event ids are already in a patient's log.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="eventIds">The event ids.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored events among them (by event id); empty when none is stored.</returns>
    Task<IReadOnlyDictionary<string, StoredPatientEvent>> FindAsync(string patientId, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default);

    /// <summary>Reads the events of one type in a patient's log, in order (records such as CDS Hooks feedback, without the rest).</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="type">The event type.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events; empty when there are none.</returns>
    Task<IReadOnlyList<StoredPatientEvent>> ReadTypeAsync(string patientId, string type, CancellationToken cancellationToken = default);

    /// <summary>Finds the event stored with a key (<see cref="NewPatientEvent.Keys"/>), whichever patient's log it is in.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The event, or <see langword="null"/> when no event has that key.</returns>
    Task<StoredPatientEvent?> FindByKeyAsync(string key, CancellationToken cancellationToken = default);
}
