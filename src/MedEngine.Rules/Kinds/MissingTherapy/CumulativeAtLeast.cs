namespace MedEngine.Rules;

/// <summary>
/// A missing-therapy rule's <c>total</c>: the total a cumulative rule counts over the list (its lines and factors, one home
/// for them) is at least a value. Naloxone is missing for a patient at 50 morphine milligram equivalents a day or more.
/// </summary>
/// <param name="RuleId">The cumulative rule whose total is read (<c>MEDENGINE-CUM-0001</c>).</param>
/// <param name="AtLeast">The total must be at least this.</param>
/// <param name="Line">The line of <c>total</c> in its rule file, for errors.</param>
/// <param name="Column">Its column.</param>
internal sealed record CumulativeAtLeast(string RuleId, decimal AtLeast, int Line, int Column)
{
    /// <summary>The cumulative rule's condition, set when the rule files are read (<see cref="Resolve"/>).</summary>
    public CumulativeCondition? Of { get; init; }

    private CumulativeCondition Cumulative => Of ?? throw new InvalidOperationException($"The total of '{RuleId}' was never resolved: rules are read with RuleFiles.Read.");

    /// <summary>The lines the cumulative rule counts.</summary>
    public DrugSelector Drug => Cumulative.Drug;

    /// <summary>The total over the lines the cumulative rule counts.</summary>
    public CumulativeTotal Total(IEnumerable<MedicationFact> lines) => CumulativeTotal.Of(Cumulative, lines.Where(Cumulative.Drug.Matches));

    /// <summary>Whether the total is at least <see cref="AtLeast"/>.</summary>
    public bool Holds(IEnumerable<MedicationFact> lines) => Total(lines).Total >= AtLeast;

    /// <summary>The total and what it counted, as text.</summary>
    public IEnumerable<string> Describe(IEnumerable<MedicationFact> lines) => Cumulative.Describe(Total(lines), $">= {CumulativeCondition.Number(AtLeast)} ({RuleId})");

    /// <summary>
    /// Gives every missing-therapy rule with a <c>total</c> the cumulative rule it names; a name that is not a cumulative rule
    /// of the same folder is an error at the <c>total</c>.
    /// </summary>
    /// <param name="rules">Every rule read from the folder.</param>
    /// <param name="errors">Where problems go.</param>
    /// <returns>The rules, those with a <c>total</c> resolved.</returns>
    public static IReadOnlyList<ClinicalRule> Resolve(IReadOnlyList<ClinicalRule> rules, List<InputError> errors)
    {
        var cumulative = rules.Where(r => r.Condition is CumulativeCondition).GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (CumulativeCondition)g.First().Condition, StringComparer.Ordinal);
        return rules.Select(rule =>
        {
            if (rule.Condition is not MissingTherapyCondition { Total: { } total } condition)
            {
                return rule;
            }

            if (cumulative.TryGetValue(total.RuleId, out var of))
            {
                return rule with { Condition = condition with { Total = total with { Of = of } } };
            }

            errors.Add(new InputError(InputIssueCodes.RuleInvalidValue, rule.File, $"'total' names '{total.RuleId}', which is not a cumulative rule in the rules folder.") { Line = total.Line, Column = total.Column });
            return rule;
        }).ToList();
    }
}
