using MedEngine.Model;

namespace MedEngine.Persistence;

/// <summary>What one accepted request did to a patient: the events it stored and what they changed.</summary>
/// <param name="PatientId">The patient.</param>
/// <param name="Sequence">The patient's sequence number after the request (the last stored event's).</param>
/// <param name="Stored">The events stored, in order; empty when every event had been delivered before.</param>
/// <param name="Delta">What the events changed in the list and the findings; empty for a redelivery.</param>
public sealed record PatientChange(string PatientId, long Sequence, IReadOnlyList<StoredPatientEvent> Stored, PatientDelta Delta)
{
    /// <summary>Whether every event of the request had been delivered before (by event id), so nothing was stored or changed.</summary>
    public bool IsRedelivery => Stored.Count == 0;
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
