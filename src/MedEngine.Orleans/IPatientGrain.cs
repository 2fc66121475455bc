namespace MedEngine.Orleans;

/// <summary>
/// One patient, hosted by whichever silo activates it: the patient's session over the event store, one call at a time.
/// The key is the patient id. Any silo or client reaches it through <c>IGrainFactory.GetGrain&lt;IPatientGrain&gt;(patientId)</c>.
/// </summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Applies events in the patient event format (<c>docs/patient-events.md</c>) and stores them; completes when durable.</summary>
    /// <param name="events">One event object or an array, already checked by the caller (<c>PatientEventJson.Read</c>).</param>
    /// <returns>What was stored and changed.</returns>
    Task<PatientGrainChange> ApplyAsync(string events);

    /// <summary>The patient's state now.</summary>
    /// <returns>The state; <see langword="null"/> for a patient the store has never seen.</returns>
    Task<PatientGrainSnapshot?> GetAsync();
}

/// <summary>What one call to <see cref="IPatientGrain.ApplyAsync"/> stored and changed (ids as in <c>docs/patient-api.md</c>).</summary>
/// <param name="Sequence">The patient's sequence number after the call.</param>
/// <param name="Stored">The event ids stored; empty for a redelivery.</param>
/// <param name="Superseded">The sources whose lists arrived older than the ones held.</param>
/// <param name="Lines">The line ids added, changed and removed.</param>
/// <param name="Findings">The finding keys added, changed and removed.</param>
[GenerateSerializer]
[Immutable]
public sealed record PatientGrainChange(
    [property: Id(0)] long Sequence,
    [property: Id(1)] IReadOnlyList<string> Stored,
    [property: Id(2)] IReadOnlyList<string> Superseded,
    [property: Id(3)] ChangedIds Lines,
    [property: Id(4)] ChangedIds Findings);

/// <summary>Ids added, changed and removed.</summary>
/// <param name="Added">Added.</param>
/// <param name="Changed">Changed.</param>
/// <param name="Removed">Removed.</param>
[GenerateSerializer]
[Immutable]
public sealed record ChangedIds([property: Id(0)] IReadOnlyList<string> Added, [property: Id(1)] IReadOnlyList<string> Changed, [property: Id(2)] IReadOnlyList<string> Removed);

/// <summary>A patient's state as one silo holds it.</summary>
/// <param name="Sequence">The last event folded in.</param>
/// <param name="Evaluation">The list and findings as the JSON document of <c>docs/reconcile-json.md</c>.</param>
/// <param name="RuleSetHash">Which rules produced the findings (the same on every silo that has the same rule files).</param>
/// <param name="Silo">The silo that answered.</param>
[GenerateSerializer]
[Immutable]
public sealed record PatientGrainSnapshot([property: Id(0)] long Sequence, [property: Id(1)] string Evaluation, [property: Id(2)] string? RuleSetHash, [property: Id(3)] string Silo);
