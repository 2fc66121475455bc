using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>
/// Kind <c>interaction-table</c>: two different lines whose substances form a pair in a table (<c>docs/interaction-table.md</c>);
/// the table's row gives the finding its severity and texts. One NRules rule for the whole table, however many pairs.
/// </summary>
/// <param name="Table">The table, loaded and indexed.</param>
internal sealed record InteractionTableCondition(InteractionTable Table) : RuleCondition
{
    /// <summary>The kind in a rule file: <c>table</c> is the table's path, relative to the rule file.</summary>
    public static RuleKind Kind { get; } = new("interaction-table", ["table"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.Interaction;

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns)
    {
        patterns.Line(Table.Involves);
        patterns.Line(Table.Involves, (a, b) => string.CompareOrdinal(a.LineId, b.LineId) < 0 && Table.Find(a, b).Count > 0);
    }

    /// <inheritdoc />
    public override FindingTexts Texts(ClinicalRule rule, IReadOnlyList<MedicationFact> lines)
    {
        var row = Table.Find(lines[0], lines[1])[0];
        var names = string.Join(" + ", lines.Select(FindingFactory.Name));
        return new FindingTexts(
            row.Severity,
            new LocalizedText($"{rule.Title.Nb}: {names}", $"{rule.Title.En}: {names}"),
            new LocalizedText(row.Consequence, row.Consequence),
            row.Handling.Length > 0 ? new LocalizedText(row.Handling, row.Handling) : rule.Handling,
            row.Mechanism.Length > 0 ? row.Mechanism : rule.Mechanism,
            row.Evidence.Length > 0 ? row.Evidence : rule.Evidence,
            row.Reference.Length > 0 ? [.. rule.References, .. row.Reference.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : rule.References);
    }

    private static InteractionTableCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        var path = syntax.Yaml.String(map, "table", required: true);
        if (path is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(syntax.File)) ?? ".", path));
        try
        {
            return new InteractionTableCondition(InteractionTable.Load(full));
        }
        catch (InputException e)
        {
            syntax.Errors.AddRange(e.Errors);
            return null;
        }
    }
}
