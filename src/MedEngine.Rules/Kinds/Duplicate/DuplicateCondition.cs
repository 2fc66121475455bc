using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>What two lines must share to be duplicate therapy.</summary>
internal enum DuplicateMode
{
    /// <summary>A substance (paracetamol alone and in a combination).</summary>
    Substance,
    /// <summary>An ATC group at the rule's level (two NSAIDs of M01AE, at level 4).</summary>
    Group,
    /// <summary>Nothing more than both matching the rule's drug selector.</summary>
    Any,
}

/// <summary>Kind <c>duplicate</c>: two different lines matching the selector that share what <paramref name="Same"/> says.</summary>
/// <param name="Drug">The lines concerned.</param>
/// <param name="Same">What they must share.</param>
/// <param name="Level">For <see cref="DuplicateMode.Group"/>: the ATC level (1 to 4) they must share.</param>
internal sealed record DuplicateCondition(DrugSelector Drug, DuplicateMode Same, int Level) : RuleCondition, ITwoLineCondition
{
    /// <summary>The kind in a rule file: <c>drug</c>, <c>same</c> (substance, group or any) and <c>level</c>.</summary>
    public static RuleKind Kind { get; } = new("duplicate", ["drug", "same", "level"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.DuplicateTherapy;

    /// <inheritdoc />
    public bool IsPair => true;

    /// <inheritdoc />
    public IEnumerable<DrugSelector> Selectors => [Drug];

    /// <inheritdoc />
    public bool Holds(MedicationFact first, MedicationFact second) => Drug.Matches(first) && Drug.Matches(second) && DuplicateTherapy.Shares(this, first, second);

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns)
    {
        patterns.Line(Drug.Matches);
        patterns.Line(Drug.Matches, (a, b) => string.CompareOrdinal(a.LineId, b.LineId) < 0 && DuplicateTherapy.Shares(this, a, b));
    }

    private static DuplicateCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        var yaml = syntax.Yaml;
        var drug = syntax.Selector(yaml.Get(map, "drug"), "'drug'", required: map);
        var sameText = yaml.String(map, "same") ?? "substance";
        DuplicateMode? same = sameText switch { "substance" => DuplicateMode.Substance, "group" => DuplicateMode.Group, "any" => DuplicateMode.Any, _ => null };
        if (same is null)
        {
            yaml.Error(InputIssueCodes.RuleInvalidValue, yaml.Get(map, "same")!, $"'same' must be substance, group or any, found '{sameText}'.");
        }

        var level = yaml.Integer(map, "level", 1, 4) ?? 4;

        return drug is null || same is null ? null : new DuplicateCondition(drug, same.Value, level);
    }
}
