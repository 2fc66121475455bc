using MedEngine.Units;

namespace MedEngine.Model;

/// <summary>One medication entry on one source's list, as the source states it. Nothing here is inferred.</summary>
public sealed record MedicationEntry
{
    /// <summary>The source's own id of the entry, unique within the source.</summary>
    public required string EntryId { get; init; }

    /// <summary>The name as written (product or substance, possibly with strength and form), for example <c>Marevan 2,5 mg tablett</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Codes for the medication (ATC, FEST product id, RxNorm, SNOMED CT). Empty when only free text is given.</summary>
    public IReadOnlyList<MedicationCoding> Codings { get; init; } = [];

    /// <summary>Active substances with strength, when the source lists them.</summary>
    public IReadOnlyList<SubstanceStrength> Substances { get; init; } = [];

    /// <summary>The pharmaceutical form as written (tablett, depottablett, injeksjonsvæske...).</summary>
    public string? Form { get; init; }

    /// <summary>The route as written (oral, iv, topical...).</summary>
    public string? Route { get; init; }

    /// <summary>The amount per administration, when structured (for example 1 tablet or 5 mg).</summary>
    public Quantity? Dose { get; init; }

    /// <summary>Administrations per day, when structured. <see langword="null"/> when not given.</summary>
    public decimal? TimesPerDay { get; init; }

    /// <summary>Whether the medication is taken as needed (ved behov, PRN).</summary>
    public bool AsNeeded { get; init; }

    /// <summary>The most administrations allowed in 24 hours for an as-needed medication, when given.</summary>
    public decimal? MaxTimesPerDay { get; init; }

    /// <summary>The dosage text as written (for example <c>1 tablett 2 ganger daglig</c>).</summary>
    public string? DosageText { get; init; }

    /// <summary>When the therapy started.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>When the therapy ends or ended.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>The status as the source states it.</summary>
    public EntryStatus Status { get; init; }

    /// <summary>When the source last changed this entry.</summary>
    public DateTimeOffset? LastChanged { get; init; }

    /// <summary>Who recorded the entry, as the source names them.</summary>
    public string? RecordedBy { get; init; }

    /// <summary>The reason (indication, or reason for a change), as written.</summary>
    public string? Reason { get; init; }

    /// <summary>How the source registered the entry (SFM's <c>sfm-regInfo</c>), when it says.</summary>
    public EntryRegistration? Registration { get; init; }

    /// <summary>
    /// The source's ids of the earlier links of the prescription chain this entry heads (renewals it replaced), oldest first: they
    /// are accounted for here and are not current entries. Empty when the entry replaced none.
    /// </summary>
    public IReadOnlyList<string> Replaces { get; init; } = [];

    /// <summary>Whether two entries state the same, comparing codings and substances by value.</summary>
    /// <param name="other">The other entry.</param>
    /// <returns><see langword="true"/> when equal in value.</returns>
    public bool Equals(MedicationEntry? other) =>
        other is not null && EntryId == other.EntryId && Name == other.Name && Codings.SequenceEqual(other.Codings)
        && Substances.SequenceEqual(other.Substances) && Form == other.Form && Route == other.Route && Dose == other.Dose
        && TimesPerDay == other.TimesPerDay && AsNeeded == other.AsNeeded && MaxTimesPerDay == other.MaxTimesPerDay
        && DosageText == other.DosageText && Start == other.Start && End == other.End && Status == other.Status
        && LastChanged == other.LastChanged && RecordedBy == other.RecordedBy && Reason == other.Reason
        && Registration == other.Registration && Replaces.SequenceEqual(other.Replaces);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EntryId, Name, Status, DosageText, LastChanged);
}
