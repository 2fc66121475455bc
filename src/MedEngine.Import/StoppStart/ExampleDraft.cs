namespace MedEngine.Import.StoppStart;

/// <summary>A medication of a generated example: a known substance's name and ATC code, with a dosage for dose rules.</summary>
internal sealed record ExampleMedication(string Name, string Atc, string? Dosage = null);

/// <summary>A generated example: a patient, a GP list, and whether the rule fires (with which severity).</summary>
internal sealed record ExampleDraft(
    string Name,
    int Age,
    string? Sex,
    IReadOnlyList<string> Conditions,
    LabThreshold? Lab,
    decimal? LabValue,
    IReadOnlyList<ExampleMedication> Medications,
    bool Fires,
    string? Severity);
