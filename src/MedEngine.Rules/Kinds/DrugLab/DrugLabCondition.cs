using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>Kind <c>drug-lab</c>: a drug with a lab value past a threshold.</summary>
/// <param name="Drug">The lines concerned.</param>
/// <param name="Lab">The threshold.</param>
internal sealed record DrugLabCondition(DrugSelector Drug, LabCriterion Lab) : RuleCondition, IOneLineCondition
{
    /// <summary>The kind in a rule file: <c>drug</c> and <c>lab</c>.</summary>
    public static RuleKind Kind { get; } = new("drug-lab", ["drug", "lab"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.Other;

    /// <inheritdoc />
    public bool Holds(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others) => labs.Any(Lab.Holds);

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns)
    {
        patterns.Line(Drug.Matches);
        patterns.Labs(all => all.Any(Lab.Holds));
    }

    /// <inheritdoc />
    public override IEnumerable<string> Values(RuleMatch match, IReadOnlyList<MedicationFact> lines, TimeProvider time) =>
        match.Labs.Where(Lab.Holds).Select(Lab.Describe);

    private static DrugLabCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        var drug = syntax.Selector(syntax.Yaml.Get(map, "drug"), "'drug'", required: map);
        var lab = syntax.Lab(syntax.Yaml.Get(map, "lab"), required: map);
        return drug is null || lab is null ? null : new DrugLabCondition(drug, lab);
    }
}
