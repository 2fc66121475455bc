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
