namespace MedEngine.Rules;

/// <summary>What one activation of a compiled rule matched.</summary>
/// <param name="Medications">The lines the rule is about, in pattern order.</param>
/// <param name="Patient">The patient, when the rule reads it (its kind or a modifier has patient criteria).</param>
/// <param name="Labs">The patient's lab values, when the rule reads them; else empty.</param>
/// <param name="ModifierMedications">For each modifier with a medication condition, the lines that meet it (by modifier index).</param>
internal sealed record RuleMatch(IReadOnlyList<MedicationFact> Medications, PatientFact? Patient, IReadOnlyList<LabFact> Labs, IReadOnlyDictionary<int, IReadOnlyList<MedicationFact>> ModifierMedications)
{
    private static readonly Dictionary<int, IReadOnlyList<MedicationFact>> NoModifierMedications = [];

    /// <summary>
    /// The other lines the rule's condition reads (those a dose band's <c>medication</c> selects, the rule's own line possibly
    /// among them); empty for a condition that reads none.
    /// </summary>
    public IReadOnlyList<MedicationFact> OtherLines { get; init; } = [];

    /// <summary>A match of a rule whose modifiers need no other medication (the rules held in groups).</summary>
    public static RuleMatch Of(IReadOnlyList<MedicationFact> medications, PatientFact patient, IReadOnlyList<LabFact> labs) =>
        new(medications, patient, labs, NoModifierMedications);

    /// <summary>
    /// Whether this match is made of the very same fact objects as another (a fact is replaced, never changed, when its line,
    /// patient or lab value changes), so the finding built from one is the finding of the other.
    /// </summary>
    public bool HasSameFactsAs(RuleMatch other) =>
        Same(Medications, other.Medications) && ReferenceEquals(Patient, other.Patient) && Same(Labs, other.Labs) && Same(OtherLines, other.OtherLines)
        && ModifierMedications.Count == other.ModifierMedications.Count
        && ModifierMedications.All(m => other.ModifierMedications.TryGetValue(m.Key, out var lines) && Same(m.Value, lines));

    private static bool Same<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
        where T : class
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!ReferenceEquals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }
}
