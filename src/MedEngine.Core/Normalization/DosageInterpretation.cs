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

    /// <summary>The most administrations per 24 hours allowed, when stated ("inntil 3 ganger daglig") or when it follows from an as-needed
    /// interval ("every 4 hours as needed": 6).</summary>
    public decimal? MaxTimesPerDay { get; init; }

    /// <summary>The most per 24 hours allowed, as an amount, when stated ("maks 4 tabletter per døgn") or when it follows from the amount and
    /// <see cref="MaxTimesPerDay"/>, or from the top of a range ("1-2 tabletter x 3": 6 tablets).</summary>
    public Quantity? MaxAmountPerDay { get; init; }

    /// <summary>How many days a course lasts, when stated ("i 5 dager", "for 2 weeks").</summary>
    public decimal? DurationDays { get; init; }

    /// <summary>Whether a dosage text was given that could not be read at all; the <see cref="Problem"/> says which words. <see langword="false"/>
    /// for a text read, also one read as having no single daily dose (as needed, a range, tapering, a plan kept elsewhere).</summary>
    public bool NotUnderstood { get; init; }

    /// <summary>Why the dosage text could not be read, why what it says has no single daily dose, or why a structured dose is implausible;
    /// <see langword="null"/> when understood without reservation or when there was nothing to read.</summary>
    public string? Problem { get; init; }
}
