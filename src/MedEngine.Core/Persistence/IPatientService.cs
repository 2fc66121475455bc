using MedEngine.Model;
using MedEngine.Serialization;

namespace MedEngine.Persistence;

/// <summary>
/// Every patient the engine keeps current, wherever each is hosted: <see cref="PatientService"/> holds them in this process;
/// <c>MedEngine.Orleans</c>' <c>PatientGrainService</c> reaches them on whichever node of a cluster hosts each. Writes
/// complete when durable; a patient takes one request at a time.
/// </summary>
public interface IPatientService
{
    /// <summary>Applies events to a patient and stores them (see <see cref="DurablePatient.ApplyAsync"/>); completes when durable.</summary>
    /// <param name="patientId">The patient; a patient not seen before starts empty.</param>
    /// <param name="events">The events, in order.</param>
    /// <param name="cancellationToken">Cancels waiting for the patient and the store's write.</param>
    /// <returns>What was stored and changed.</returns>
    /// <exception cref="PatientEventRejectedException">An event names a source or entry the patient does not have; nothing was stored.</exception>
    Task<PatientChange> ApplyAsync(string patientId, IReadOnlyList<IdentifiedPatientEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Replaces one source's list, merging the facts it gives about the patient (see <see cref="DurablePatient.ReplaceSourceAsync"/>).</summary>
    /// <param name="patientId">The patient; it wins over any id in <paramref name="facts"/>.</param>
    /// <param name="list">The source's whole list.</param>
    /// <param name="facts">What the source says about the patient, if anything.</param>
    /// <param name="eventId">The idempotency key, if the sender gave one.</param>
    /// <param name="cancellationToken">Cancels waiting for the patient and the store's write.</param>
    /// <returns>What was stored and changed.</returns>
    Task<PatientChange> ReplaceSourceAsync(string patientId, SourceList list, PatientContext? facts, string? eventId, CancellationToken cancellationToken = default);

    /// <summary>The patient's state now.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="cancellationToken">Cancels waiting for the patient.</param>
    /// <returns>The state; <see langword="null"/> for a patient the store has never seen.</returns>
    Task<PatientSnapshot?> GetAsync(string patientId, CancellationToken cancellationToken = default);

    /// <summary>Every change of one patient from now on, as it becomes durable, until cancelled.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="cancellationToken">Ends the watch.</param>
    /// <returns>The changes, in order.</returns>
    IAsyncEnumerable<PatientChange> WatchAsync(string patientId, CancellationToken cancellationToken = default);
}
