namespace MedEngine.Reconciliation;

/// <summary>A reference to one entry of one source.</summary>
/// <param name="Source">The source id.</param>
/// <param name="EntryId">The source's entry id.</param>
public sealed record EntryReference(string Source, string EntryId);

/// <summary>A disagreement between sources on one therapy line.</summary>
/// <param name="Code">A stable code, documented in <c>docs/discrepancy-codes.md</c> and never reused.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Detail">What differs, naming the sources and values.</param>
/// <param name="Entries">The entries involved.</param>
public sealed record Discrepancy(string Code, DiscrepancyKind Kind, string Detail, IReadOnlyList<EntryReference> Entries)
{
    /// <summary>Whether two discrepancies say the same thing about the same entries.</summary>
    /// <param name="other">The other discrepancy.</param>
    /// <returns><see langword="true"/> when equal in value.</returns>
    public bool IsEquivalentTo(Discrepancy other) =>
        other is not null && Code == other.Code && Kind == other.Kind && Detail == other.Detail && Entries.SequenceEqual(other.Entries);
}
