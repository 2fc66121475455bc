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

    public PairRuleGroup(IReadOnlyList<ClinicalRule> rules, TimeProvider time)
    {
        _rules = rules.ToArray();
        _factories = _rules.Select(r => new FindingFactory(r, time)).ToArray();
        _index = new SelectorIndex(_rules, Selectors);
    }

    /// <summary>Whether a rule can join the group: a kind about two lines (<see cref="ITwoLineCondition"/>), with no modifier on another medication.</summary>
    public static bool CanHold(ClinicalRule rule) =>
        rule.Condition is ITwoLineCondition { IsPair: true } && rule.Modifiers.All(m => m.When.Medication is null);

    public int Count => _rules.Length;

    /// <summary>Whether any rule of the group names this line.</summary>
    public bool Concerns(MedicationFact line) => _index.Names(line);

    /// <summary>Whether any rule holds for this pair of lines.</summary>
    public bool AnyHolds(MedicationFact first, MedicationFact second) => Candidates(first, second).Any(i => Holds(_rules[i], first, second));

    /// <summary>The rules that hold for the pair.</summary>
    public IEnumerable<RuleHit> Hits(MedicationFact first, MedicationFact second, PatientFact patient, IReadOnlyList<LabFact> labs)
    {
        foreach (var index in Candidates(first, second).Where(i => _rules[i].AppliesIn(patient) && Holds(_rules[i], first, second)))
        {
            yield return new RuleHit(_rules[index].Id, _factories[index], RuleMatch.Of([first, second], patient, labs));
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
