using System.Globalization;

namespace MedEngine.Rules;

/// <summary>What a rule requires of the patient. Every given criterion must hold; an unknown value never satisfies one.</summary>
/// <param name="Age">Age in years.</param>
/// <param name="Sex">Sex (<c>female</c>, <c>male</c>).</param>
/// <param name="Pregnant">Pregnancy.</param>
/// <param name="WeightKg">Weight in kg.</param>
/// <param name="Conditions">Condition keys or prefixes (<c>icd10:I50*</c>, <c>icpc2:K77</c>); any one is enough.</param>
/// <param name="Allergies">Allergy keys or prefixes (<c>atc:J01C*</c>, <c>name:penicillin</c>); any one is enough.</param>
/// <param name="WithoutIndication">
/// Conditions that justify the drug (<c>icd10:K21*</c>): the criterion holds when the patient's conditions are known (at least one
/// is recorded) and none of them is one of these. With no condition recorded the indication is unknown, not absent.
/// </param>
internal sealed record PatientCriteria(Comparison? Age, string? Sex, bool? Pregnant, Comparison? WeightKg, IReadOnlyList<string> Conditions, IReadOnlyList<string> Allergies, IReadOnlyList<string> WithoutIndication)
{
    /// <summary>Whether the patient meets every criterion.</summary>
    /// <param name="patient">The patient.</param>
    /// <returns><see langword="true"/> when all hold.</returns>
    public bool Holds(PatientFact patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return (Age is null || (patient.Age is { } age && Age.Holds(age)))
            && (Sex is null || string.Equals(patient.Sex, Sex, StringComparison.OrdinalIgnoreCase))
            && (Pregnant is null || patient.Pregnant == Pregnant)
            && (WeightKg is null || (patient.WeightKg is { } weight && WeightKg.Holds(weight)))
            && (Conditions.Count == 0 || MatchingConditions(patient).Any())
            && (Allergies.Count == 0 || MatchingAllergies(patient).Any())
            && (WithoutIndication.Count == 0 || (patient.Conditions.Count > 0 && !patient.Conditions.Any(c => WithoutIndication.Any(p => ClinicalCodes.Matches(c, p)))));
    }

    /// <summary>What of the patient met the criteria, for the finding's explanation.</summary>
    /// <param name="patient">The patient.</param>
    /// <returns>Readable statements such as <c>age 82</c>.</returns>
    public IEnumerable<string> Describe(PatientFact patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        if (Age is not null)
        {
            yield return $"age {patient.Age} ({Age})";
        }

        if (Sex is not null)
        {
            yield return $"sex {patient.Sex}";
        }

        if (Pregnant is not null)
        {
            yield return Pregnant.Value ? "pregnant" : "not pregnant";
        }

        if (WeightKg is not null)
        {
            yield return $"weight {patient.WeightKg?.ToString("0.#", CultureInfo.InvariantCulture)} kg ({WeightKg})";
        }

        foreach (var condition in MatchingConditions(patient))
        {
            yield return "condition " + condition;
        }

        foreach (var allergy in MatchingAllergies(patient))
        {
            yield return "allergy " + allergy;
        }

        if (WithoutIndication.Count > 0)
        {
            yield return "no indication among the recorded conditions (" + string.Join(", ", patient.Conditions.Order(StringComparer.Ordinal)) + ")";
        }
    }

    private IEnumerable<string> MatchingConditions(PatientFact patient) =>
        patient.Conditions.Where(c => Conditions.Any(p => ClinicalCodes.Matches(c, p))).Order(StringComparer.Ordinal);

    private IEnumerable<string> MatchingAllergies(PatientFact patient) =>
        patient.Allergies.Where(c => Allergies.Any(p => ClinicalCodes.Matches(c, p))).Order(StringComparer.Ordinal);
}
