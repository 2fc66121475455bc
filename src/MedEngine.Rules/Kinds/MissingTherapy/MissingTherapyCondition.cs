using System.Globalization;
using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>Kind <c>missing-therapy</c>: a START-style suggestion: the patient has the condition (or lab value) and no line of the group.</summary>
/// <param name="Patient">What the patient must have, when given.</param>
/// <param name="Lab">A lab threshold, when given.</param>
/// <param name="Missing">The group of which no line must exist.</param>
/// <param name="Taking">Groups of which a line must each exist (naloxone is missing for a patient taking an opioid and a benzodiazepine); may be empty.</param>
internal sealed record MissingTherapyCondition(PatientCriteria? Patient, LabCriterion? Lab, DrugSelector Missing, IReadOnlyList<DrugSelector> Taking) : RuleCondition, IWholeListCondition
{
    /// <summary>The kind in a rule file: <c>missing</c>, and <c>patient</c>, <c>lab</c> or <c>taking</c> (or several).</summary>
    public static RuleKind Kind { get; } = new("missing-therapy", ["patient", "lab", "taking", "missing"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.Suggestion;

    /// <inheritdoc />
    public bool Holds(PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> lines) =>
        (Patient is null || Patient.Holds(patient)) && (Lab is null || labs.Any(Lab.Holds)) && !lines.Any(Missing.Matches) && Takes(lines);

    /// <inheritdoc />
    public IEnumerable<DrugSelector> Selectors => Taking.Prepend(Missing);

    public IReadOnlyList<MedicationFact> Concerned(IReadOnlyList<MedicationFact> lines) => lines.Where(IsTaken).ToList();

    /// <summary>Whether every group of <see cref="Taking"/> has a line.</summary>
    private bool Takes(IEnumerable<MedicationFact> lines) => Taking.All(group => lines.Any(group.Matches));

    private bool IsTaken(MedicationFact line) => Taking.Any(group => group.Matches(line));

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns)
    {
        if (Patient is { } criteria)
        {
            patterns.Patient(criteria.Holds);
        }

        if (Lab is { } lab)
        {
            patterns.Labs(all => all.Any(lab.Holds));
        }

        if (Taking.Count > 0)
        {
            patterns.AllLines(IsTaken, Takes);
        }

        patterns.NoLine(Missing.Matches);
    }

    /// <inheritdoc />
    public override IEnumerable<string> Values(RuleMatch match, IReadOnlyList<MedicationFact> lines, TimeProvider time) =>
        [.. Patient?.Describe(match.Patient!) ?? [], .. match.Labs.Where(l => Lab?.Holds(l) == true).Select(l => Lab!.Describe(l)),
            $"no line of {Missing.Description} on the list (on {DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})"];

    private static MissingTherapyCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        var missing = syntax.Selector(syntax.Yaml.Get(map, "missing"), "'missing'", required: map);
        var who = syntax.Yaml.Get(map, "patient") is { } p ? syntax.Patient(p, null) : null;
        var value = syntax.Yaml.Get(map, "lab") is { } l ? syntax.Lab(l, null) : null;
        var taking = new List<DrugSelector>();
        if (syntax.Yaml.Get(map, "taking") is { } node)
        {
            if (node is YamlSequenceNode { Children.Count: > 0 } groups)
            {
                taking.AddRange(groups.Select(g => syntax.Selector(g, "a group of 'taking'")).OfType<DrugSelector>());
            }
            else
            {
                syntax.Yaml.Error(InputIssueCodes.RuleShape, node, "'taking' must list one or more selectors: [{ atc: [N02A*] }, ...].");
            }
        }

        if (who is null && value is null && taking.Count == 0)
        {
            syntax.Yaml.Error(InputIssueCodes.RuleRequired, map, "A missing-therapy rule needs 'patient', 'lab' or 'taking': the situation in which the therapy is missing.");
            return null;
        }

        return missing is null ? null : new MissingTherapyCondition(who, value, missing, taking);
    }
}
