using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>
/// Kinds <c>drug-patient</c> and <c>drug-condition</c> (the same condition, named for what the pharmacist means): a drug in a
/// patient with given characteristics (age, sex, pregnancy, weight, conditions, allergies).
/// </summary>
/// <param name="Drug">The lines concerned.</param>
/// <param name="Patient">What the patient must be or have.</param>
internal sealed record DrugPatientCondition(DrugSelector Drug, PatientCriteria Patient) : RuleCondition, IOneLineCondition
{
    /// <summary>The kind <c>drug-patient</c>: <c>drug</c> and <c>patient</c>.</summary>
    public static RuleKind Kind { get; } = new("drug-patient", ["drug", "patient"], Parse);

    /// <summary>The kind <c>drug-condition</c>: <c>drug</c> and <c>patient</c> (with its conditions).</summary>
    public static RuleKind ConditionKind { get; } = new("drug-condition", ["drug", "patient"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.Other;

    /// <inheritdoc />
    public bool Holds(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others) => Patient.Holds(patient);

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns)
    {
        patterns.Line(Drug.Matches);
        patterns.Patient(Patient.Holds);
    }

    /// <inheritdoc />
    public override IEnumerable<string> Values(RuleMatch match, IReadOnlyList<MedicationFact> lines, TimeProvider time) =>
        Drug.UsedLongerThan is { } longer
            ? Patient.Describe(match.Patient!).Prepend($"used {lines[0].DaysInUse} days (longer than {longer})")
            : Patient.Describe(match.Patient!);

    private static DrugPatientCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        var drug = syntax.Selector(syntax.Yaml.Get(map, "drug"), "'drug'", required: map);
        var patient = syntax.Patient(syntax.Yaml.Get(map, "patient"), required: map);
        return drug is null || patient is null ? null : new DrugPatientCondition(drug, patient);
    }
}
