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

    /// <summary>For each rule, its modifiers on another medication: the modifier's index and what it selects.</summary>
    private readonly (int Index, DrugSelector Selector)[][] _medicationModifiers;

    public SingleDrugRuleGroup(IReadOnlyList<ClinicalRule> rules, TimeProvider time)
    {
        _rules = rules.ToArray();
        _factories = _rules.Select(r => new FindingFactory(r, time)).ToArray();
        _index = new SelectorIndex(_rules, rule => [Drug(rule)]);
        _medicationModifiers = _rules.Select(r => r.Modifiers.Select((m, i) => (Index: i, Selector: m.When.Medication)).Where(m => m.Selector is not null)
            .Select(m => (m.Index, m.Selector!)).ToArray()).ToArray();
    }

    /// <summary>Whether a rule can join the group: its kind is about one drug, and no modifier depends on another medication.</summary>
    public static bool CanHold(ClinicalRule rule) =>
        rule.Condition is IOneLineCondition && rule.Modifiers.All(m => m.When.Medication is null);

    /// <summary>
    /// Whether a rule can join the group of single-drug rules with modifiers on other medications: a kind about one drug with
    /// at least one such modifier. That group's NRules rule also collects the lines any of its modifiers selects.
    /// </summary>
    public static bool CanHoldWithMedicationModifiers(ClinicalRule rule) =>
        rule.Condition is IOneLineCondition && rule.Modifiers.Any(m => m.When.Medication is not null);

    public int Count => _rules.Length;

    /// <summary>Whether any rule of the group has a modifier on another medication.</summary>
    public bool HasMedicationModifiers => _medicationModifiers.Any(m => m.Length > 0);

    /// <summary>Whether a modifier of any rule of the group selects this line.</summary>
    public bool IsModifierLine(MedicationFact line) => _medicationModifiers.Any(rule => rule.Any(m => m.Selector.Matches(line)));

    /// <summary>Whether any rule of the group names this line (a few hash lookups).</summary>
    public bool Concerns(MedicationFact line) => _index.Names(line) && Candidates(line).Any();

    /// <summary>Whether any rule holds for this line, patient and lab values.</summary>
    public bool AnyHolds(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs) =>
        Candidates(line).Any(index => Holds(_rules[index], line, patient, labs));

    /// <summary>The rules that hold for this line, patient and lab values.</summary>
    /// <param name="line">The line.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="labs">The lab values.</param>
    /// <param name="modifierLines">The lines a modifier of the group selects (<see cref="IsModifierLine"/>); empty without such modifiers.</param>
    public IEnumerable<RuleHit> Hits(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> modifierLines)
    {
        foreach (var index in Candidates(line).Where(index => Holds(_rules[index], line, patient, labs)))
        {
            var match = _medicationModifiers[index].Length == 0
                ? RuleMatch.Of([line], patient, labs)
                : new RuleMatch([line], patient, labs, _medicationModifiers[index].ToDictionary(
                    m => m.Index, m => (IReadOnlyList<MedicationFact>)modifierLines.Where(m.Selector.Matches).ToList()));
            yield return new RuleHit(_rules[index].Id, _factories[index], match);
        }
    }

    private IEnumerable<int> Candidates(MedicationFact line) => _index.Candidates(line).Where(index => Drug(_rules[index]).Matches(line));

    private static bool Holds(ClinicalRule rule, MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs) =>
        rule.AppliesIn(patient) && ((IOneLineCondition)rule.Condition).Holds(line, patient, labs);

    private static DrugSelector Drug(ClinicalRule rule) => ((IOneLineCondition)rule.Condition).Drug;
}
