using MedEngine.Model;
using MedEngine.Reconciliation;

namespace MedEngine.Persistence;

/// <summary>
/// What one accepted request did to a patient, by id: the events it stored, the lists superseded, and the lines and findings
/// added, changed and removed. Ids only, so it is the same wherever the patient is hosted (this process or a cluster node);
/// read the list again for the lines themselves.
/// </summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Sequence">The patient's sequence number after the request (the last stored event's).</param>
/// <param name="StoredEventIds">The ids of the events stored, in order; empty when every event had been delivered before.</param>
/// <param name="SupersededSources">The sources whose lists arrived older than the ones held (stored, not applied).</param>
/// <param name="Lines">The line ids added, changed and removed.</param>
/// <param name="Findings">The finding keys added, changed and removed.</param>
public sealed record PatientChange(string PatientId, long Sequence, IReadOnlyList<string> StoredEventIds, IReadOnlyList<string> SupersededSources, ChangedIds Lines, ChangedIds Findings)
{
    /// <summary>Whether every event of the request had been delivered before (by event id), so nothing was stored or changed.</summary>
    public bool IsRedelivery => StoredEventIds.Count == 0;

    /// <summary>The change a request makes when every event was delivered before.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="sequence">The patient's sequence number.</param>
    /// <returns>A change that stored nothing.</returns>
    public static PatientChange Redelivery(string patientId, long sequence) => new(patientId, sequence, [], [], ChangedIds.None, ChangedIds.None);

    /// <summary>The change that stored events and changed the session by a delta.</summary>
    /// <param name="patientId">The patient.</param>
    /// <param name="stored">The events stored, in order (at least one).</param>
    /// <param name="delta">What they changed.</param>
    /// <returns>The change.</returns>
    public static PatientChange Of(string patientId, IReadOnlyList<StoredPatientEvent> stored, PatientDelta delta)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(delta);
        return new(
            patientId,
            stored[^1].Sequence,
            stored.Select(e => e.EventId).ToList(),
            delta.List.Superseded.Select(s => s.List.Source.Id).ToList(),
            new ChangedIds(delta.List.AddedLines.Select(l => l.Id).ToList(), delta.List.ChangedLines.Select(l => l.Id).ToList(), delta.List.RemovedLineIds),
            new ChangedIds(delta.Findings.Added.Select(f => f.Key).ToList(), delta.Findings.Changed.Select(f => f.Key).ToList(), delta.Findings.Removed));
    }
}

/// <summary>Ids added, changed and removed.</summary>
/// <param name="Added">Added.</param>
/// <param name="Changed">Changed.</param>
/// <param name="Removed">Removed.</param>
public sealed record ChangedIds(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed)
{
    /// <summary>Nothing added, changed or removed.</summary>
    public static ChangedIds None { get; } = new([], [], []);

    /// <summary>Whether nothing was added, changed or removed.</summary>
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && Removed.Count == 0;
}

/// <summary>A patient's state at one sequence number.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Sequence">The last event folded in (0 for a patient never seen).</param>
/// <param name="Evaluation">The reconciled list and its findings.</param>
/// <param name="RecordedRuleSetHash">Which rules evaluated the last event when it was stored, if recorded.</param>
/// <param name="RuleSetHash">Which rules produced <paramref name="Evaluation"/>'s findings.</param>
/// <param name="Patient">What is known about the patient, if anything.</param>
public sealed record PatientSnapshot(string PatientId, long Sequence, PatientEvaluation Evaluation, string? RecordedRuleSetHash, string? RuleSetHash, PatientContext? Patient)
{
    /// <summary>The source lists held, rebuilt from the entries behind the lines and the unresolved entries (each is in exactly one).</summary>
    public IReadOnlyList<SourceList> Lists =>
        Evaluation.List.Sources.Select(source => new SourceList(source, Evaluation.List.Lines.SelectMany(l => l.Entries).Concat(Evaluation.List.Unresolved.Select(u => u.Entry))
            .Where(e => e.Source.Id == source.Id).Select(e => e.Entry).OrderBy(e => e.EntryId, StringComparer.Ordinal).ToList())).ToList();

    /// <summary>The clinicians' decisions in force and the last confirmation, as events (<see cref="PatientSession.Decisions"/>).</summary>
    public IReadOnlyList<PatientEvent> Decisions { get; init; } = [];

    /// <summary>The list with its decisions, the last confirmation and what changed since (<see cref="PatientSession.Confirmed"/>).</summary>
    public ConfirmedList? Confirmed { get; init; }

    /// <summary>The state as the events that rebuild it in a fresh session: each held list replaced, the patient's facts, then the decisions.</summary>
    public IReadOnlyList<PatientEvent> Events =>
        [.. Lists.Select(l => (PatientEvent)new SourceListReplaced(l)), .. Patient is { } patient ? [new PatientContextChanged(patient)] : Array.Empty<PatientEvent>(), .. Decisions];

    /// <summary>Whether the findings come from the rules recorded with the last event (false when those rules are no longer in use).</summary>
    public bool UsesRecordedRules => RecordedRuleSetHash is null || RecordedRuleSetHash == RuleSetHash;
}

/// <summary>An event the patient's state refuses: it names a source or entry the patient does not have. Nothing was stored.</summary>
public sealed class PatientEventRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PatientEventRejectedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and why.</param>
    public PatientEventRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused and why.</param>
    /// <param name="innerException">The session's error.</param>
    public PatientEventRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
