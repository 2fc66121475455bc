namespace MedEngine.Rules;

/// <summary>What one activation of a compiled rule matched.</summary>
/// <param name="Medications">The lines the rule is about, in pattern order.</param>
/// <param name="Patient">The patient, when the rule reads it (its kind or a modifier has patient criteria).</param>
/// <param name="Labs">The patient's lab values, when the rule reads them; else empty.</param>
/// <param name="ModifierMedications">For each modifier with a medication condition, the lines that meet it (by modifier index).</param>
internal sealed record RuleMatch(IReadOnlyList<MedicationFact> Medications, PatientFact? Patient, IReadOnlyList<LabFact> Labs, IReadOnlyDictionary<int, IReadOnlyList<MedicationFact>> ModifierMedications)
{
    private static readonly Dictionary<int, IReadOnlyList<MedicationFact>> NoModifierMedications = [];

    /// <summary>A match of a rule whose modifiers need no other medication (the rules held in groups).</summary>
    public static RuleMatch Of(IReadOnlyList<MedicationFact> medications, PatientFact patient, IReadOnlyList<LabFact> labs) =>
        new(medications, patient, labs, NoModifierMedications);
}
