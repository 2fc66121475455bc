using MedEngine.Model;

namespace MedEngine;

/// <summary>What a clinician decided for one line of the reconciled list.</summary>
public enum LineDecisionKind
{
    /// <summary>Continue as proposed: the proposal is what the patient takes.</summary>
    Accept,

    /// <summary>Another entry of the line is the truth (<see cref="LineDecided.Entry"/>).</summary>
    ChooseEntry,

    /// <summary>Continue with a changed dosage (<see cref="LineDecided.DosageText"/>).</summary>
    Change,

    /// <summary>Stop the drug.</summary>
    Stop,

    /// <summary>The patient does not take it, whatever the sources say.</summary>
    NotTaken,
}

/// <summary>The clinician who made a decision.</summary>
/// <param name="Id">Their id (for example the HPR number).</param>
/// <param name="Role">Their role (for example <c>lege</c>, <c>sykepleier</c>, <c>farmasøyt</c>).</param>
/// <param name="Name">Their name, if given.</param>
public sealed record Clinician(string Id, string Role, string? Name = null);

/// <summary>One entry of a line as it stood when a decision was applied: what the decision was made on.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="EntryId">The entry.</param>
/// <param name="Status">Its status then.</param>
/// <param name="DosageText">Its dosage text then, if any.</param>
/// <param name="DailyDose">Its daily dose then, as read (for example <c>40 mg</c>), when known.</param>
public sealed record DecisionBasisEntry(string SourceId, string EntryId, EntryStatus Status, string? DosageText, string? DailyDose);

/// <summary>
/// A clinician's decision on one line, an event of the patient's log. It holds until another decision on the same line. When a
/// later source event contradicts it (a dispensing of a stopped drug, another dose), the line is re-opened with the discrepancy
/// <c>MR013</c> naming the decision and the entries that contradict it.
/// </summary>
/// <param name="LineId">The line (<c>ReconciledLine.Id</c>).</param>
/// <param name="Kind">What was decided.</param>
/// <param name="By">Who decided.</param>
/// <param name="At">When.</param>
/// <param name="OnSequence">The sequence number of the list the clinician decided on.</param>
public sealed record LineDecided(string LineId, LineDecisionKind Kind, Clinician By, DateTimeOffset At, long OnSequence) : PatientEvent
{
    /// <summary>
    /// For <see cref="LineDecisionKind.ChooseEntry"/>, the entry that is the truth; for <see cref="LineDecisionKind.Accept"/>,
    /// filled in when applied with the entry the proposal was taken from.
    /// </summary>
    public Reconciliation.EntryReference? Entry { get; init; }

    /// <summary>For <see cref="LineDecisionKind.Change"/>, the new dosage text (read as any dosage text is).</summary>
    public string? DosageText { get; init; }

    /// <summary>Why, in the clinician's words.</summary>
    public string? Reason { get; init; }

    /// <summary>The line's entries when the decision was applied; filled in by the session when not given.</summary>
    public IReadOnlyList<DecisionBasisEntry>? Basis { get; init; }
}

/// <summary>One line as it stood when the list was confirmed.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Entries">Its entries then.</param>
public sealed record ConfirmedLineBasis(string LineId, IReadOnlyList<DecisionBasisEntry> Entries);

/// <summary>A clinician confirmed the list as decided: the reconciliation is done as of <see cref="OnSequence"/>.</summary>
/// <param name="By">Who confirmed.</param>
/// <param name="At">When.</param>
/// <param name="OnSequence">The sequence number of the list confirmed.</param>
public sealed record ListConfirmed(Clinician By, DateTimeOffset At, long OnSequence) : PatientEvent
{
    /// <summary>Every line and its entries when confirmed; filled in by the session when not given.</summary>
    public IReadOnlyList<ConfirmedLineBasis>? Lines { get; init; }
}

/// <summary>
/// A clinician confirmed what an unresolved entry is: the substance with ATC code <paramref name="Atc"/>. The entry then
/// resolves to it (an ATC coding naming the clinician is added to the entry) and joins that substance's line, as long as the
/// source keeps the entry; never done on similarity alone.
/// </summary>
/// <param name="SourceId">The entry's source.</param>
/// <param name="EntryId">The entry.</param>
/// <param name="Atc">The ATC code of the substance (or combination) it is; the knowledge base must know it.</param>
/// <param name="By">Who confirmed the match.</param>
/// <param name="At">When.</param>
/// <param name="OnSequence">The sequence number of the list the clinician decided on.</param>
public sealed record EntryMatched(string SourceId, string EntryId, string Atc, Clinician By, DateTimeOffset At, long OnSequence) : Reconciliation.SourceEvent;
