namespace MedEngine.Rules;

/// <summary>
/// Which lines the rule files can say anything about: a line is covered when a selector of some rule (its drugs, its
/// dose bands' and modifiers' medications, a missing therapy) or a row of an interaction table names one of its substances or its product
/// code. Rules a host adds in C# are not seen here.
/// </summary>
internal sealed class RuleCoverage
{
    private readonly SelectorIndex _selectors;
    private readonly IReadOnlyList<InteractionTable> _tables;

    /// <summary>Indexes the selectors and tables of the rules.</summary>
    /// <param name="rules">The rules from rule files.</param>
    public RuleCoverage(IReadOnlyList<ClinicalRule> rules)
    {
        _selectors = new SelectorIndex(rules, RuleChecks.Selectors);
        _tables = rules.Select(r => r.Condition).OfType<InteractionTableCondition>().Select(c => c.Table).ToList();
    }

    /// <summary>Whether some rule names the line.</summary>
    /// <param name="line">The line.</param>
    /// <returns><see langword="true"/> when a rule or table row can evaluate it.</returns>
    public bool Covers(MedicationFact line) => _selectors.Names(line) || _tables.Any(t => t.Involves(line));
}
