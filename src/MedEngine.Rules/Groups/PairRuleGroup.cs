namespace MedEngine.Rules;

/// <summary>
/// The rules about two lines (kinds whose condition is an <see cref="ITwoLineCondition"/> of two groups), held as data behind one generic NRules rule:
/// a hash index from ATC codes and prefixes to rules picks the candidates for a pair of lines, so the cost of a pair does
/// not grow with the number of such rules.
/// </summary>
internal sealed class PairRuleGroup
{
    private readonly SelectorIndex _index;
    private readonly ClinicalRule[] _rules;
    private readonly FindingFactory[] _factories;

    /// <summary>For each rule, its modifiers on another medication: the modifier's index and what it selects.</summary>
    private readonly (int Index, DrugSelector Selector)[][] _medicationModifiers;

    public PairRuleGroup(IReadOnlyList<ClinicalRule> rules, TimeProvider time)
    {
        _rules = rules.ToArray();
        _factories = _rules.Select(r => new FindingFactory(r, time)).ToArray();
        _index = new SelectorIndex(_rules, Selectors);
        _medicationModifiers = _rules.Select(r => r.Modifiers.Select((m, i) => (Index: i, Selector: m.When.Medication)).Where(m => m.Selector is not null)
            .Select(m => (m.Index, m.Selector!)).ToArray()).ToArray();
    }

    /// <summary>Whether a rule can join the group: a kind about two lines (<see cref="ITwoLineCondition"/>), with no modifier on another medication.</summary>
    public static bool CanHold(ClinicalRule rule) =>
        rule.Condition is ITwoLineCondition { IsPair: true } && rule.Modifiers.All(m => m.When.Medication is null);

    /// <summary>
    /// Whether a rule can join the group of pair rules with modifiers on other medications: a kind about two lines with at
    /// least one such modifier. That group's NRules rule also collects the lines any of its modifiers selects.
    /// </summary>
    public static bool CanHoldWithMedicationModifiers(ClinicalRule rule) =>
        rule.Condition is ITwoLineCondition { IsPair: true } && rule.Modifiers.Any(m => m.When.Medication is not null);

    public int Count => _rules.Length;

    /// <summary>Whether any rule of the group has a modifier on another medication.</summary>
    public bool HasMedicationModifiers => _medicationModifiers.Any(m => m.Length > 0);

    /// <summary>Whether a modifier of any rule of the group selects this line.</summary>
    public bool IsModifierLine(MedicationFact line) => _medicationModifiers.Any(rule => rule.Any(m => m.Selector.Matches(line)));

    /// <summary>Whether any rule of the group names this line.</summary>
    public bool Concerns(MedicationFact line) => _index.Names(line);

    /// <summary>Whether any rule holds for this pair of lines.</summary>
    public bool AnyHolds(MedicationFact first, MedicationFact second) => Candidates(first, second).Any(i => Holds(_rules[i], first, second));

    /// <summary>The rules that hold for the pair.</summary>
    /// <param name="first">The first line.</param>
    /// <param name="second">The second line.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="labs">The lab values.</param>
    /// <param name="modifierLines">The lines a modifier of the group selects (<see cref="IsModifierLine"/>); empty without such modifiers.</param>
    public IEnumerable<RuleHit> Hits(MedicationFact first, MedicationFact second, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> modifierLines)
    {
        foreach (var index in Candidates(first, second).Where(i => _rules[i].AppliesIn(patient) && Holds(_rules[i], first, second)))
        {
            var match = _medicationModifiers[index].Length == 0
                ? RuleMatch.Of([first, second], patient, labs)
                : new RuleMatch([first, second], patient, labs, _medicationModifiers[index].ToDictionary(
                    m => m.Index, m => (IReadOnlyList<MedicationFact>)modifierLines.Where(m.Selector.Matches).ToList()));
            yield return new RuleHit(_rules[index].Id, _factories[index], match);
        }
    }

    private IEnumerable<int> Candidates(MedicationFact first, MedicationFact second)
    {
        var other = _index.Candidates(second);
        return _index.Candidates(first).Where(other.Contains);
    }

    private static bool Holds(ClinicalRule rule, MedicationFact first, MedicationFact second) => ((ITwoLineCondition)rule.Condition).Holds(first, second);

    private static IEnumerable<DrugSelector> Selectors(ClinicalRule rule) => ((ITwoLineCondition)rule.Condition).Selectors;
}
