using MedEngine.Units;

namespace MedEngine.Normalization;

/// <summary>
/// What a dosage says, as far as it is well defined. Anything not stated stays <see langword="null"/>: an unknown dose is never guessed.
/// </summary>
public sealed record DosageInterpretation
{
    /// <summary>Nothing about the dosage is known.</summary>
    public static DosageInterpretation Unknown { get; } = new();

    /// <summary>The amount per administration when every administration is the same (1 tablet, 5 mg). A number without unit is counted in product units (<c>unit</c>).</summary>
    public Quantity? AmountPerDose { get; init; }

    /// <summary>Regular administrations per day.</summary>
    public decimal? TimesPerDay { get; init; }

    /// <summary>The regular amount per day (2 tablets for "1-0-1").</summary>
    public Quantity? AmountPerDay { get; init; }

    /// <summary>Whether it is taken as needed (ved behov, PRN).</summary>
    public bool AsNeeded { get; init; }

    /// <summary>The most administrations per 24 hours allowed for an as-needed medication, when stated.</summary>
    public decimal? MaxTimesPerDay { get; init; }

    /// <summary>Why the dosage text could not be read, or why a structured dose is implausible; <see langword="null"/> when understood or when there was nothing to read.</summary>
    public string? Problem { get; init; }
}
