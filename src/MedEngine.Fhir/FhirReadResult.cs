using MedEngine.Model;

namespace MedEngine.Fhir;

/// <summary>What <see cref="FhirInputReader.Read"/> found in one FHIR input: the patients, and what it read but did not use.</summary>
/// <param name="Patients">One input per patient, ordered by patient id (resources with no subject come first, with patient id <see langword="null"/>).</param>
/// <param name="Skipped">
/// Valid resources that were not used, counted by resource type (for example <c>Encounter</c>, <c>Immunization</c>), and by
/// <c>Type (reason)</c> when a supported type was left out on purpose (for example <c>Condition (inactive)</c>). Nothing is dropped unseen.
/// </param>
public sealed record FhirReadResult(IReadOnlyList<PatientInput> Patients, IReadOnlyDictionary<string, int> Skipped)
{
    /// <summary>The total number of resources skipped.</summary>
    public int SkippedCount => Skipped.Values.Sum();
}
