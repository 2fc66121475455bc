using System.Globalization;
using MedEngine.Findings;
using YamlDotNet.RepresentationModel;

namespace MedEngine.Rules;

/// <summary>Kind <c>cumulative</c>: the sum over a class of daily dose × factor (morphine milligram equivalents, anticholinergic load) above a threshold.</summary>
/// <param name="Drug">The lines counted.</param>
/// <param name="Factors">Factor per ATC code or prefix (per mg of daily dose, or per line when the rule counts lines).</param>
/// <param name="Threshold">The total must be above this.</param>
/// <param name="Unit">The unit of the total (<c>MME/day</c>, <c>points</c>).</param>
/// <param name="PerLine">Whether factors count per line (a load score) rather than per mg.</param>
/// <param name="RateFactors">Factor per ATC code or prefix for transdermal patches, per µg/h they deliver (fentanyl 2.4 MME per µg/h).</param>
internal sealed record CumulativeCondition(DrugSelector Drug, IReadOnlyDictionary<string, decimal> Factors, decimal Threshold, string Unit, bool PerLine, IReadOnlyDictionary<string, decimal> RateFactors) : RuleCondition
{
    /// <summary>The kind in a rule file: <c>drug</c>, <c>factors</c>, <c>perMicrogramPerHour</c>, <c>threshold</c>, <c>unit</c> and <c>per</c>.</summary>
    public static RuleKind Kind { get; } = new("cumulative", ["drug", "factors", "perMicrogramPerHour", "threshold", "unit", "per"], Parse);

    /// <inheritdoc />
    public override FindingCategory Category => FindingCategory.HighDose;

    /// <inheritdoc />
    public override void AddPatterns(RulePatterns patterns) => patterns.AllLines(Drug.Matches, meds => CumulativeTotal.Of(this, meds).Total > Threshold);

    /// <inheritdoc />
    public override IEnumerable<string> Values(RuleMatch match, IReadOnlyList<MedicationFact> lines, TimeProvider time) =>
        Describe(CumulativeTotal.Of(this, lines), $"> {Number(Threshold)}");

    /// <summary>A total as text: the sum against its bound (<c>&gt; 50</c>), then each counted line and each line not counted.</summary>
    /// <param name="total">The total.</param>
    /// <param name="bound">What the sum was held against.</param>
    public IEnumerable<string> Describe(CumulativeTotal total, string bound) =>
        [$"total {Number(total.Total)} {Unit} {bound}",
            .. total.Counted.Select(c => $"{FindingFactory.Name(c.Line)} {Number(c.Amount)} {Unit}"),
            .. total.NotCounted.Select(l => $"{FindingFactory.Name(l)} not counted: dose or factor unknown")];

    /// <summary>A number as a finding shows it: at most two decimals, invariant.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static CumulativeCondition? Parse(RuleSyntax syntax, YamlMappingNode map)
    {
        var yaml = syntax.Yaml;
        var drug = syntax.Selector(yaml.Get(map, "drug"), "'drug'", required: map);
        var threshold = yaml.Number(map, "threshold");
        if (threshold is null)
        {
            yaml.Error(InputIssueCodes.RuleRequired, yaml.Get(map, "threshold") ?? map, "'threshold' is required: the total above which the rule fires.");
        }

        var per = yaml.String(map, "per") ?? "mg";
        if (per is not ("mg" or "line"))
        {
            yaml.Error(InputIssueCodes.RuleInvalidValue, yaml.Get(map, "per")!, $"'per' must be mg (factors per mg of daily dose) or line (points per line), found '{per}'.");
        }

        if (yaml.Map(yaml.Get(map, "factors"), "'factors'") is not { Children.Count: > 0 } table)
        {
            yaml.Error(InputIssueCodes.RuleShape, yaml.Get(map, "factors") ?? map, "'factors' must map ATC codes or prefixes to numbers.");
            return null;
        }

        var rates = yaml.Map(yaml.Get(map, "perMicrogramPerHour"), "'perMicrogramPerHour'");
        if (rates is not null && per == "line")
        {
            yaml.Error(InputIssueCodes.RuleInvalidValue, rates, "'perMicrogramPerHour' counts doses; a rule that counts lines (per: line) has none.");
        }

        return drug is null || threshold is null ? null
            : new CumulativeCondition(drug, FactorTable(syntax, table), threshold.Value, yaml.String(map, "unit") ?? "", per == "line", rates is null ? new Dictionary<string, decimal>() : FactorTable(syntax, rates));
    }

    /// <summary>A table from ATC codes or prefixes to numbers.</summary>
    private static Dictionary<string, decimal> FactorTable(RuleSyntax syntax, YamlMappingNode table)
    {
        var factors = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (key, value) in table.Children)
        {
            var code = ((YamlScalarNode)key).Value ?? "";
            syntax.CheckAtc(key, code);
            if (value is YamlScalarNode { Value: { } text } && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var factor))
            {
                factors[code] = factor;
            }
            else
            {
                syntax.Yaml.Error(InputIssueCodes.RuleShape, value, $"The factor of '{code}' must be a number.");
            }
        }

        return factors;
    }
}
