namespace MedEngine.Rules;

/// <summary>
/// The rules about one drug at a time (kinds whose condition is an <see cref="IOneLineCondition"/>), held as data behind one
/// generic NRules rule: a hash index from ATC codes and prefixes to the rules whose selectors name them picks the
/// candidate rules for a line, so the cost of a line does not grow with the number of such rules.
/// </summary>
internal sealed class SingleDrugRuleGroup
{
    private readonly SelectorIndex _index;
    private readonly ClinicalRule[] _rules;
    private readonly FindingFactory[] _factories;

    public SingleDrugRuleGroup(IReadOnlyList<ClinicalRule> rules, TimeProvider time)
    {
        _rules = rules.ToArray();
        _factories = _rules.Select(r => new FindingFactory(r, time)).ToArray();
        _index = new SelectorIndex(_rules, rule => [Drug(rule)]);
    }

    /// <summary>Whether a rule can join the group: its kind is about one drug, and no modifier depends on another medication.</summary>
    public static bool CanHold(ClinicalRule rule) =>
        rule.Condition is IOneLineCondition && rule.Modifiers.All(m => m.When.Medication is null);

    public int Count => _rules.Length;

    /// <summary>Whether any rule of the group names this line (a few hash lookups).</summary>
    public bool Concerns(MedicationFact line) => _index.Names(line) && Candidates(line).Any();

    /// <summary>Whether any rule holds for this line, patient and lab values.</summary>
    public bool AnyHolds(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs) =>
        Candidates(line).Any(index => Holds(_rules[index], line, patient, labs));

    /// <summary>The rules that hold for this line, patient and lab values.</summary>
    public IEnumerable<RuleHit> Hits(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs)
    {
        foreach (var index in Candidates(line).Where(index => Holds(_rules[index], line, patient, labs)))
        {
            yield return new RuleHit(_rules[index].Id, _factories[index], RuleMatch.Of([line], patient, labs));
        }
    }

    private IEnumerable<int> Candidates(MedicationFact line) => _index.Candidates(line).Where(index => Drug(_rules[index]).Matches(line));

    private static bool Holds(ClinicalRule rule, MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs) =>
        rule.AppliesIn(patient) && ((IOneLineCondition)rule.Condition).Holds(line, patient, labs);

    private static DrugSelector Drug(ClinicalRule rule) => ((IOneLineCondition)rule.Condition).Drug;
}
