using System.Globalization;
using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>Kind <c>missing-therapy</c>: a START-style suggestion: the patient has the condition (or lab value) and no line of the group.</summary>
/// <param name="Patient">What the patient must have, when given.</param>
/// <param name="Lab">A lab threshold, when given.</param>
/// <param name="Missing">The group of which no line must exist.</param>
/// <param name="Taking">Groups of which a line must each exist (naloxone is missing for a patient taking an opioid and a benzodiazepine); may be empty.</param>
/// <param name="Total">A cumulative rule's total that must be reached (naloxone is missing from 50 MME a day), when given.</param>
internal sealed record MissingTherapyCondition(PatientCriteria? Patient, LabCriterion? Lab, DrugSelector Missing, IReadOnlyList<DrugSelector> Taking, CumulativeAtLeast? Total) : RuleCondition, IWholeListCondition
{
    /// <summary>The kind in a rule file: <c>missing</c>, and <c>patient</c>, <c>lab</c>, <c>taking</c> or <c>total</c> (or several).</summary>
    public static RuleKind Kind { get; } = new("missing-therapy", ["patient", "lab", "taking", "total", "missing"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.Suggestion;

    /// <inheritdoc />
    public bool Holds(PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> lines) =>
        (Patient is null || Patient.Holds(patient)) && (Lab is null || labs.Any(Lab.Holds)) && !lines.Any(Missing.Matches) && Takes(lines);

    /// <inheritdoc />
    public IEnumerable<DrugSelector> Selectors => [Missing, .. Taking, .. Total is null ? [] : new[] { Total.Drug }];

    public IReadOnlyList<MedicationFact> Concerned(IReadOnlyList<MedicationFact> lines) => lines.Where(IsTaken).ToList();

    /// <summary>Whether every group of <see cref="Taking"/> has a line and the <see cref="Total"/> is reached.</summary>
    private bool Takes(IEnumerable<MedicationFact> lines) => Taking.All(group => lines.Any(group.Matches)) && (Total is null || Total.Holds(lines));

    /// <summary>Whether the line is one the patient must take: of a group of <see cref="Taking"/>, or counted by the <see cref="Total"/>.</summary>
    private bool IsTaken(MedicationFact line) => Taking.Any(group => group.Matches(line)) || Total?.Drug.Matches(line) == true;

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

        if (Taking.Count > 0 || Total is not null)
        {
            patterns.AllLines(IsTaken, Takes);
        }

        patterns.NoLine(Missing.Matches);
    }

    /// <inheritdoc />
    public override IEnumerable<string> Values(RuleMatch match, IReadOnlyList<MedicationFact> lines, TimeProvider time) =>
        [.. Patient?.Describe(match.Patient!) ?? [], .. match.Labs.Where(l => Lab?.Holds(l) == true).Select(l => Lab!.Describe(l)),
            .. Total?.Describe(lines) ?? [],
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

        var total = syntax.Yaml.Get(map, "total") is { } t ? ParseTotal(syntax.Yaml, t) : null;
        if (new[] { "patient", "lab", "taking", "total" }.All(key => syntax.Yaml.Get(map, key) is null))
        {
            syntax.Yaml.Error(InputIssueCodes.RuleRequired, map, "A missing-therapy rule needs 'patient', 'lab', 'taking' or 'total': the situation in which the therapy is missing.");
            return null;
        }

        return missing is null ? null : new MissingTherapyCondition(who, value, missing, taking, total);
    }

    /// <summary><c>total: { of: MEDENGINE-CUM-0001, atLeast: 50 }</c>: the cumulative rule is found when the folder is read.</summary>
    private static CumulativeAtLeast? ParseTotal(YamlNodes yaml, YamlNode node)
    {
        if (yaml.Map(node, "'total'") is not { } map)
        {
            return null;
        }

        yaml.CheckKeys(map, "'total'", "of", "atLeast");
        var of = yaml.String(map, "of", required: true);
        var atLeast = yaml.Number(map, "atLeast");
        if (atLeast is null && yaml.Get(map, "atLeast") is null)
        {
            yaml.Error(InputIssueCodes.RuleRequired, map, "'atLeast' is required in 'total': the total from which the therapy is missing.");
        }

        return of is null || atLeast is null ? null : new CumulativeAtLeast(of, atLeast.Value, (int)node.Start.Line, (int)node.Start.Column);
    }
}
