using MedEngine.Model;

namespace MedEngine.Rules;

/// <summary>The patient as the rules see it. Exactly one per session; unknown values stay <see langword="null"/>.</summary>
public sealed class PatientFact
{
    /// <summary>Creates the fact from what is known about the patient, at a point in time.</summary>
    /// <param name="patient">The patient, or <see langword="null"/> when nothing is known.</param>
    /// <param name="today">Today's date, from the host's <see cref="TimeProvider"/>.</param>
    public PatientFact(PatientContext? patient, DateOnly today)
    {
        Context = patient ?? new PatientContext();
        Age = Context.BirthDate is { } birth ? today.Year - birth.Year - (today < birth.AddYears(today.Year - birth.Year) ? 1 : 0) : null;
        Conditions = Context.Conditions.Select(c => ClinicalCodes.Key(c.System, c.Code)).ToHashSet(StringComparer.Ordinal);
        Allergies = Context.Allergies.Select(c => ClinicalCodes.Key(c.System, c.Code))
            .Concat(Context.Allergies.Select(c => "name:" + Knowledge.NameNormalizer.Normalize(c.Display)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What is known about the patient.</summary>
    public PatientContext Context { get; }

    /// <summary>Age in whole years, when the birth date is known.</summary>
    public int? Age { get; }

    /// <summary>Sex: <c>female</c>, <c>male</c>, <c>other</c> or <c>unknown</c>.</summary>
    public string? Sex => Context.Sex;

    /// <summary>Weight in kg; unknown when outside what a person can weigh (<see cref="LabFacts.PlausibleWeightKg"/>), never used in arithmetic.</summary>
    public decimal? WeightKg => Context.WeightKg is { } weight && weight >= LabFacts.PlausibleWeightKg.Min && weight <= LabFacts.PlausibleWeightKg.Max ? weight : null;

    /// <summary>Whether the patient is pregnant, when known.</summary>
    public bool? Pregnant => Context.Pregnant;

    /// <summary>Condition keys (<c>icd10:I50</c>, <c>icpc2:K77</c>...).</summary>
    public IReadOnlySet<string> Conditions { get; }

    /// <summary>Allergy keys: codes (<c>atc:J01C</c>, <c>snomed:...</c>) and normalized names (<c>name:penicillin</c>).</summary>
    public IReadOnlySet<string> Allergies { get; }
}
