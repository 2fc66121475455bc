using MedEngine.Model;
using MedEngine.Units;

namespace MedEngine.Normalization;

/// <summary>One source entry with what MedEngine understood of it. The entry itself is kept unchanged for provenance.</summary>
public sealed record NormalizedEntry
{
    /// <summary>The source the entry comes from.</summary>
    public required MedicationSource Source { get; init; }

    /// <summary>The entry as the source stated it.</summary>
    public required MedicationEntry Entry { get; init; }

    /// <summary>The substances the entry resolved to, or why it did not.</summary>
    public required MedicationResolution Resolution { get; init; }

    /// <summary>The canonical form (<c>tablet</c>, <c>modified-release tablet</c>, <c>gel</c>...), when known.</summary>
    public string? Form { get; init; }

    /// <summary>The canonical route (<c>oral</c>, <c>topical</c>...), when known.</summary>
    public string? Route { get; init; }

    /// <summary>The strength per product unit of a single-substance product, when known.</summary>
    public Quantity? Strength { get; init; }

    /// <summary>
    /// The dosage text read: the entry's own, or, for a free-text name ("Furix 40 mg 1 om morgenen"), the words after the
    /// medication's name without its strength ("1 om morgenen"); <see langword="null"/> when there is none.
    /// </summary>
    public string? DosageText { get; init; }

    /// <summary>What the dosage says.</summary>
    public required DosageInterpretation Dosage { get; init; }

    /// <summary>The regular daily dose of the substance in canonical units (mg, IE, mmol), when well defined; otherwise <see langword="null"/>.</summary>
    public Quantity? DailyDose { get; init; }

    /// <summary>The key of the therapy line this entry belongs to; <see langword="null"/> when unresolved.</summary>
    public string? LineKey { get; init; }
}
