namespace MedEngine.Model;

/// <summary>A coded clinical fact: a condition, an allergy, or a lab test.</summary>
/// <param name="System">The code system (ICD-10, ICPC-2, SNOMED CT, LOINC, or a URI).</param>
/// <param name="Code">The code.</param>
/// <param name="Display">The display text.</param>
public sealed record ClinicalCode(string System, string Code, string? Display = null);

/// <summary>One lab result (eGFR, creatinine, potassium, INR...).</summary>
/// <param name="Code">The test.</param>
/// <param name="Value">The numeric value, when there is one.</param>
/// <param name="Unit">The unit as given.</param>
/// <param name="Effective">When it was measured.</param>
public sealed record LabResult(ClinicalCode Code, decimal? Value, string? Unit, DateTimeOffset? Effective);

/// <summary>What is known about the patient, carried along for decision support.</summary>
public sealed record PatientContext
{
    /// <summary>The patient id, as the source gives it.</summary>
    public string? Id { get; init; }

    /// <summary>The date of birth.</summary>
    public DateOnly? BirthDate { get; init; }

    /// <summary>Administrative sex: <c>female</c>, <c>male</c>, <c>other</c> or <c>unknown</c>.</summary>
    public string? Sex { get; init; }

    /// <summary>Body weight in kg, when known.</summary>
    public decimal? WeightKg { get; init; }

    /// <summary>Whether the patient is pregnant, when known.</summary>
    public bool? Pregnant { get; init; }

    /// <summary>Where the patient is cared for, when known (rules that apply in some settings only read it).</summary>
    public CareSetting? Setting { get; init; }

    /// <summary>Conditions (diagnoses).</summary>
    public IReadOnlyList<ClinicalCode> Conditions { get; init; } = [];

    /// <summary>Allergies and intolerances.</summary>
    public IReadOnlyList<ClinicalCode> Allergies { get; init; } = [];

    /// <summary>Lab results.</summary>
    public IReadOnlyList<LabResult> Labs { get; init; } = [];
}

/// <summary>What one input file held: source lists (one per source) and, when given, facts about the patient.</summary>
/// <param name="Lists">The source lists.</param>
/// <param name="Patient">The patient, when the file describes one.</param>
public sealed record PatientInput(IReadOnlyList<SourceList> Lists, PatientContext? Patient);

/// <summary>Combines what several sources say about one patient.</summary>
public static class PatientContexts
{
    /// <summary>
    /// Merges patient facts: the first known id, birth date, sex, weight, pregnancy and care setting (in the order given), and every
    /// condition, allergy and lab value, each once.
    /// </summary>
    /// <param name="patients">What each source says, in order of preference.</param>
    /// <returns>The merged facts, or <see langword="null"/> when no source says anything.</returns>
    public static PatientContext? Merge(IEnumerable<PatientContext?> patients)
    {
        ArgumentNullException.ThrowIfNull(patients);
        var known = patients.OfType<PatientContext>().ToList();
        return known.Count == 0 ? null : new PatientContext
        {
            Id = known.Select(p => p.Id).FirstOrDefault(v => v is not null),
            BirthDate = known.Select(p => p.BirthDate).FirstOrDefault(v => v is not null),
            Sex = known.Select(p => p.Sex).FirstOrDefault(v => v is not null),
            WeightKg = known.Select(p => p.WeightKg).FirstOrDefault(v => v is not null),
            Pregnant = known.Select(p => p.Pregnant).FirstOrDefault(v => v is not null),
            Setting = known.Select(p => p.Setting).FirstOrDefault(v => v is not null),
            Conditions = known.SelectMany(p => p.Conditions).Distinct().ToList(),
            Allergies = known.SelectMany(p => p.Allergies).Distinct().ToList(),
            Labs = known.SelectMany(p => p.Labs).Distinct().ToList(),
        };
    }
}
