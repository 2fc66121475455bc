using MedEngine.Model;

namespace MedEngine.Reconciliation;

/// <summary>One reconciled list: every source entry is on exactly one line or in <see cref="Unresolved"/>.</summary>
/// <param name="Sources">The sources, ordered by id.</param>
/// <param name="Lines">The therapy lines, ordered by id.</param>
/// <param name="Unresolved">The entries that could not be resolved, ordered by source and entry id.</param>
public sealed record ReconciliationResult(IReadOnlyList<MedicationSource> Sources, IReadOnlyList<ReconciledLine> Lines, IReadOnlyList<UnresolvedEntry> Unresolved)
{
    /// <summary>The number of input entries accounted for (on lines plus unresolved).</summary>
    public int EntryCount => Lines.Sum(l => l.Entries.Count) + Unresolved.Count;
}

/// <summary>What one event changed in the reconciled list.</summary>
/// <param name="AddedLines">Lines that did not exist before.</param>
/// <param name="ChangedLines">Lines whose entries, proposal or discrepancies changed.</param>
/// <param name="RemovedLineIds">Ids of lines that no longer exist.</param>
/// <param name="AddedUnresolved">Entries newly unresolved.</param>
/// <param name="RemovedUnresolved">Entries no longer unresolved (removed, or now resolved).</param>
/// <param name="SourcesChanged">Whether a source was added or removed, or its confirmation changed.</param>
public sealed record ReconciliationDelta(
    IReadOnlyList<ReconciledLine> AddedLines,
    IReadOnlyList<ReconciledLine> ChangedLines,
    IReadOnlyList<string> RemovedLineIds,
    IReadOnlyList<UnresolvedEntry> AddedUnresolved,
    IReadOnlyList<EntryReference> RemovedUnresolved,
    bool SourcesChanged)
{
    /// <summary>No change.</summary>
    public static ReconciliationDelta None { get; } = new([], [], [], [], [], false);

    /// <summary>
    /// The lists that arrived older than the list already held from the same source (<see cref="MedicationSource.IsOlderThan"/>):
    /// recorded, not applied.
    /// </summary>
    public IReadOnlyList<SourceListReplaced> Superseded { get; init; } = [];

    /// <summary>Whether nothing changed.</summary>
    public bool IsEmpty => !SourcesChanged && AddedLines.Count == 0 && ChangedLines.Count == 0 && RemovedLineIds.Count == 0 && AddedUnresolved.Count == 0 && RemovedUnresolved.Count == 0;
}
