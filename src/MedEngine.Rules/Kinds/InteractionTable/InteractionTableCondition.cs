using MedEngine.Findings;
using MedEngine.Knowledge;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>
/// Kind <c>interaction-table</c>: two different lines whose substances form a pair in a table (<c>docs/interaction-table.md</c>);
/// the table's row gives the finding its severity and texts. One NRules rule for the whole table, however many pairs.
/// </summary>
/// <param name="Table">The table, loaded and indexed.</param>
/// <param name="Except">Lines that take part in no pair of the table (a rule over a table of systemic interactions leaves out topical use).</param>
internal sealed record InteractionTableCondition(InteractionTable Table, LineExceptions Except) : RuleCondition
{
    /// <summary>The kind in a rule file: <c>table</c> is the table's path, relative to the rule file; <c>except</c> (atc, route, form) the lines that take part in no pair.</summary>
    public static RuleKind Kind { get; } = new("interaction-table", ["table", "except"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.Interaction;

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns)
    {
        patterns.Line(Counts);
        patterns.Line(Counts, (a, b) => string.CompareOrdinal(a.LineId, b.LineId) < 0 && Table.Find(a, b).Count > 0);
    }

    /// <summary>
    /// The row's severity and texts. Each language takes the row's own column (<c>consequence</c> and <c>handling</c> in
    /// Norwegian, <c>consequence_en</c> and <c>handling_en</c> in English) and, where the row leaves it empty, the rule's text
    /// in that language, never the other language's. The mechanism is English only, as in rule files: <c>mechanism_en</c>,
    /// else the rule's.
    /// </summary>
    public override FindingTexts Texts(ClinicalRule rule, IReadOnlyList<MedicationFact> lines)
    {
        var row = Table.Find(lines[0], lines[1])[0];
        string Names(Func<Substance, string> name) => string.Join(" + ", lines.Select(l => string.Join("/", l.Line.Substances.Select(name))));
        static string Or(string row, string rule) => row.Length > 0 ? row : rule;
        return new FindingTexts(
            row.Severity,
            new LocalizedText($"{rule.Title.Nb}: {Names(s => s.NameNb)}", $"{rule.Title.En}: {Names(s => s.NameEn)}"),
            new LocalizedText(Or(row.Consequence, rule.Message.Nb), Or(row.ConsequenceEn, rule.Message.En)),
            new LocalizedText(Or(row.Handling, rule.Handling.Nb), Or(row.HandlingEn, rule.Handling.En)),
            row.MechanismEn.Length > 0 ? row.MechanismEn : rule.Mechanism,
            row.Evidence.Length > 0 ? row.Evidence : rule.Evidence,
            row.Reference.Length > 0 ? [.. rule.References, .. row.Reference.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : rule.References);
    }

    /// <summary>Whether a line can be part of a pair: not one of the rule's exceptions, and named by a row.</summary>
    private bool Counts(MedicationFact line) => !Except.Excludes(line) && Table.Involves(line);

    private static InteractionTableCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        var except = Exceptions(syntax, map);
        var path = syntax.Yaml.String(map, "table", required: true);
        if (path is null || except is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(syntax.File)) ?? ".", path));
        try
        {
            return new InteractionTableCondition(InteractionTable.Load(full), except);
        }
        catch (InputException e)
        {
            syntax.Errors.AddRange(e.Errors);
            return null;
        }
    }

    /// <summary>The rule's <c>except</c>: <c>{ atc: [...], route: [...], form: [...] }</c>, each value checked; null after an error.</summary>
    private static LineExceptions? Exceptions(RuleSyntax syntax, YamlMappingNode map)
    {
        if (syntax.Yaml.Get(map, "except") is not { } node)
        {
            return LineExceptions.None;
        }

        if (syntax.Yaml.Map(node, "'except'") is not { } except)
        {
            return null;
        }

        syntax.Yaml.CheckKeys(except, "'except'", "atc", "route", "form");
        var good = true;
        List<string> Values(string kind)
        {
            var values = syntax.Yaml.Strings(except, kind).Select(v => kind == "atc" ? v.ToUpperInvariant() : v).ToList();
            foreach (var problem in values.Select(v => LineExceptions.Problem(kind, v)).OfType<string>())
            {
                syntax.Yaml.Error(InputIssueCodes.RuleInvalidValue, syntax.Yaml.Get(except, kind)!, problem);
                good = false;
            }

            return values;
        }

        var exceptions = new LineExceptions(Values("atc"), Values("route"), Values("form"));
        return good ? exceptions : null;
    }
}
