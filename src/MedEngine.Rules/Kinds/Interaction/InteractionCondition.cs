using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>Kind <c>interaction</c>: one line from each group (two or more groups), each a different line.</summary>
/// <param name="Groups">The substance groups.</param>
internal sealed record InteractionCondition(IReadOnlyList<DrugSelector> Groups) : RuleCondition, ITwoLineCondition
{
    /// <summary>The kind in a rule file: <c>between</c> lists the groups.</summary>
    public static RuleKind Kind { get; } = new("interaction", ["between"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.Interaction;

    /// <inheritdoc />
    public bool IsPair => Groups.Count == 2;

    /// <inheritdoc />
    public IEnumerable<DrugSelector> Selectors => Groups;

    /// <inheritdoc />
    public bool Holds(MedicationFact first, MedicationFact second) =>
        (Groups[0].Matches(first) && Groups[1].Matches(second)) || (Groups[0].Matches(second) && Groups[1].Matches(first));

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns)
    {
        foreach (var group in Groups)
        {
            patterns.Line(group.Matches, (a, b) => a.LineId != b.LineId);
        }
    }

    private static InteractionCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        if (syntax.Yaml.Get(map, "between") is not YamlSequenceNode { Children.Count: >= 2 } between)
        {
            syntax.Yaml.Error(InputIssueCodes.RuleRequired, syntax.Yaml.Get(map, "between") ?? map, "'between' must list two or more substance groups.");
            return null;
        }

        var groups = between.Children.Select(g => syntax.Selector(g, "a group of 'between'")).ToList();
        return groups.All(g => g is not null) ? new InteractionCondition(groups!) : null;
    }
}
