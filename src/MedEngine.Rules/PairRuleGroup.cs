using MedEngine.Findings;
namespace MedEngine.Rules;

/// <summary>
/// The rules about two lines (two-group interactions and duplicate therapy), held as data behind one generic NRules rule:
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

    /// <summary>Whether a rule can join the group: a two-group interaction or a duplicate rule, with no modifier on another medication.</summary>
    public static bool CanHold(ClinicalRule rule) =>
        rule.Condition is InteractionCondition { Groups.Count: 2 } or DuplicateCondition && rule.Modifiers.All(m => m.When.Medication is null);

    public int Count => _rules.Length;

    /// <summary>Whether any rule of the group names this line.</summary>
    public bool Concerns(MedicationFact line) => _index.Names(line);

    /// <summary>Whether any rule holds for this pair of lines.</summary>
    public bool AnyHolds(MedicationFact first, MedicationFact second) => Candidates(first, second).Any(i => Holds(_rules[i], first, second));

    /// <summary>The rules that hold for the pair, with the finding each makes.</summary>
    public IEnumerable<(string RuleId, Finding Finding)> Findings(MedicationFact first, MedicationFact second, PatientFact patient, IReadOnlyList<LabFact> labs)
    {
        foreach (var index in Candidates(first, second).Where(i => Holds(_rules[i], first, second)))
        {
            yield return (_rules[index].Id, _factories[index].Create(RuleMatch.Of([first, second], patient, labs)));
        }
    }

    private IEnumerable<int> Candidates(MedicationFact first, MedicationFact second)
    {
        var other = _index.Candidates(second);
        return _index.Candidates(first).Where(other.Contains);
    }

    private static bool Holds(ClinicalRule rule, MedicationFact first, MedicationFact second) => rule.Condition switch
    {
        InteractionCondition c => (c.Groups[0].Matches(first) && c.Groups[1].Matches(second)) || (c.Groups[0].Matches(second) && c.Groups[1].Matches(first)),
        DuplicateCondition c => c.Drug.Matches(first) && c.Drug.Matches(second) && DuplicateTherapy.Shares(c, first, second),
        _ => false,
    };

    private static IEnumerable<DrugSelector> Selectors(ClinicalRule rule) => rule.Condition switch
    {
        InteractionCondition c => c.Groups,
        DuplicateCondition c => [c.Drug],
        _ => throw new InvalidOperationException($"Rule '{rule.Id}' is not about two lines."),
    };
}
