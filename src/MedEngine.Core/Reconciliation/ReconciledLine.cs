using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Normalization;

namespace MedEngine.Reconciliation;

/// <summary>The proposed current state of a therapy line: the entry chosen by the precedence policy, and why.</summary>
/// <param name="From">The entry the state is taken from.</param>
/// <param name="Status">The proposed status. <see cref="EntryStatus.Unknown"/> when only a dispensing speaks for the line.</param>
/// <param name="Reason">Why this entry was chosen, naming the source, its confirmation and the rule of the policy.</param>
public sealed record ProposedState(NormalizedEntry From, EntryStatus Status, string Reason);

/// <summary>One therapy: one substance (or combination) by one route group, with every source entry behind it.</summary>
public sealed record ReconciledLine
{
    /// <summary>The stable id: the substance keys joined by <c>+</c>, and <c>@route</c> for a local route (<c>D07AC01@topical</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The substances.</summary>
    public required IReadOnlyList<Substance> Substances { get; init; }

    /// <summary>The proposed current state.</summary>
    public required ProposedState Proposed { get; init; }

    /// <summary>Every entry behind the line, ordered by source id and entry id.</summary>
    public required IReadOnlyList<NormalizedEntry> Entries { get; init; }

    /// <summary>The discrepancies, ordered by code.</summary>
    public required IReadOnlyList<Discrepancy> Discrepancies { get; init; }

    /// <summary>Whether two lines say the same (same entries, proposal and discrepancies).</summary>
    /// <param name="other">The other line.</param>
    /// <returns><see langword="true"/> when equal in value.</returns>
    public bool IsEquivalentTo(ReconciledLine? other) =>
        other is not null && Id == other.Id && Proposed == other.Proposed && Entries.SequenceEqual(other.Entries)
        && Discrepancies.Count == other.Discrepancies.Count && Discrepancies.Zip(other.Discrepancies).All(p => p.First.IsEquivalentTo(p.Second));
}

/// <summary>An entry that could not be put on a line, with the reason. It is accounted for here, never dropped.</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Reason">Why it is unresolved.</param>
public sealed record UnresolvedEntry(NormalizedEntry Entry, string Reason);
