namespace MedEngine.Reconciliation;

/// <summary>How far the reconciliation of a patient's list has come.</summary>
public enum ReconciliationStatus
{
    /// <summary>No line decided, never confirmed.</summary>
    NotReconciled,

    /// <summary>Some lines decided, or confirmed with lines still undecided.</summary>
    PartlyReconciled,

    /// <summary>Confirmed, every line decided, nothing changed or contradicted since.</summary>
    Complete,

    /// <summary>Confirmed, but since then a line is new, gone, changed or re-opened.</summary>
    Stale,
}

/// <summary>One line of the list with its decision.</summary>
/// <param name="Line">The line as decided (or as proposed, when undecided or re-opened).</param>
/// <param name="Decision">The decision in force, if any.</param>
/// <param name="Contradiction">The <c>MR013</c> discrepancy when a source contradicts the decision since it was made.</param>
public sealed record DecidedLine(ReconciledLine Line, LineDecided? Decision, Discrepancy? Contradiction)
{
    /// <summary>Whether the line needs a (new) decision: undecided, or re-opened.</summary>
    public bool IsOpen => Decision is null || Contradiction is not null;
}

/// <summary>A line that changed since the list was confirmed, and the entries that are new or changed.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Entries">The entries new or changed since (source and entry id).</param>
/// <param name="Removed">The entries gone since.</param>
public sealed record LineChangedSince(string LineId, IReadOnlyList<EntryReference> Entries, IReadOnlyList<EntryReference> Removed);

/// <summary>What changed between the last confirmed list and now.</summary>
/// <param name="New">Lines that are new since.</param>
/// <param name="Gone">Lines that are gone since.</param>
/// <param name="Changed">Lines whose entries changed since.</param>
public sealed record ChangesSinceConfirmed(IReadOnlyList<string> New, IReadOnlyList<string> Gone, IReadOnlyList<LineChangedSince> Changed)
{
    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => New.Count == 0 && Gone.Count == 0 && Changed.Count == 0;
}

/// <summary>
/// The patient's list as clinicians decided it: every line with its decision, the lines still open, the last confirmation (who,
/// when, on which sequence) and what changed since, with a status for the whole list.
/// </summary>
/// <param name="Status">How far the reconciliation has come.</param>
/// <param name="Confirmation">The last confirmation, if any.</param>
/// <param name="Lines">Every line of the list now, with its decision.</param>
/// <param name="Since">What changed since the last confirmation (empty when never confirmed).</param>
public sealed record ConfirmedList(ReconciliationStatus Status, ListConfirmed? Confirmation, IReadOnlyList<DecidedLine> Lines, ChangesSinceConfirmed Since)
{
    /// <summary>The lines still open: undecided, or re-opened by a contradicting source.</summary>
    public IReadOnlyList<DecidedLine> Open => Lines.Where(l => l.IsOpen).ToList();

    /// <summary>What the patient takes as decided: the decided lines that are neither stopped nor re-opened.</summary>
    public IReadOnlyList<DecidedLine> Taken => Lines.Where(l => l.Decision is { Kind: not (LineDecisionKind.Stop or LineDecisionKind.NotTaken) } && l.Contradiction is null).ToList();
}
