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

    /// <summary>For each rule, what selects the other lines its condition reads (<see cref="IOneLineCondition.Others"/>).</summary>
    private readonly DrugSelector[][] _others;

    public SingleDrugRuleGroup(IReadOnlyList<ClinicalRule> rules, TimeProvider time)
    {
        _rules = rules.ToArray();
        _factories = _rules.Select(r => new FindingFactory(r, time)).ToArray();
        _index = new SelectorIndex(_rules, rule => [Drug(rule)]);
        _medicationModifiers = _rules.Select(r => r.Modifiers.Select((m, i) => (Index: i, Selector: m.When.Medication)).Where(m => m.Selector is not null)
            .Select(m => (m.Index, m.Selector!)).ToArray()).ToArray();
        _others = _rules.Select(r => Condition(r).Others.ToArray()).ToArray();
    }

    /// <summary>Whether a rule can join the group: its kind is about one drug, and neither its condition nor a modifier reads another medication.</summary>
    public static bool CanHold(ClinicalRule rule) =>
        rule.Condition is IOneLineCondition condition && !NeedsOtherLines(rule, condition);

    /// <summary>
    /// Whether a rule can join the group of single-drug rules that read other lines: a kind about one drug with a modifier on
    /// another medication, or whose condition reads other lines (a dose band's <c>medication</c>). That group's NRules rule
    /// also collects the lines any of them selects.
    /// </summary>
    public static bool CanHoldWithOtherLines(ClinicalRule rule) =>
        rule.Condition is IOneLineCondition condition && NeedsOtherLines(rule, condition);

    public int Count => _rules.Length;

    /// <summary>Whether any rule of the group reads other lines (a modifier on another medication, or its condition).</summary>
    public bool ReadsOtherLines => _medicationModifiers.Any(m => m.Length > 0) || _others.Any(o => o.Length > 0);

    /// <summary>Whether a modifier or the condition of any rule of the group selects this line as another line it reads.</summary>
    public bool IsOtherLine(MedicationFact line) =>
        _medicationModifiers.Any(rule => rule.Any(m => m.Selector.Matches(line))) || _others.Any(rule => rule.Any(s => s.Matches(line)));

    /// <summary>Whether any rule of the group names this line (a few hash lookups).</summary>
    public bool Concerns(MedicationFact line) => _index.Names(line) && Candidates(line).Any();

    /// <summary>Whether any rule holds for this line, patient, lab values and other lines.</summary>
    /// <param name="line">The line.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="labs">The lab values.</param>
    /// <param name="otherLines">The lines the group reads besides its own (<see cref="IsOtherLine"/>); empty when it reads none.</param>
    public bool AnyHolds(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> otherLines) =>
        Candidates(line).Any(index => Holds(index, line, patient, labs, Others(index, otherLines)));

    /// <summary>The rules that hold for this line, patient, lab values and other lines.</summary>
    /// <param name="line">The line.</param>
    /// <param name="patient">The patient.</param>
    /// <param name="labs">The lab values.</param>
    /// <param name="otherLines">The lines the group reads besides its own (<see cref="IsOtherLine"/>); empty when it reads none.</param>
    public IEnumerable<RuleHit> Hits(MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> otherLines)
    {
        foreach (var index in Candidates(line))
        {
            var others = Others(index, otherLines);
            if (!Holds(index, line, patient, labs, others))
            {
                continue;
            }

            var match = _medicationModifiers[index].Length == 0
                ? RuleMatch.Of([line], patient, labs)
                : new RuleMatch([line], patient, labs, _medicationModifiers[index].ToDictionary(
                    m => m.Index, m => (IReadOnlyList<MedicationFact>)otherLines.Where(m.Selector.Matches).ToList()));
            yield return new RuleHit(_rules[index].Id, _factories[index], others.Count == 0 ? match : match with { OtherLines = others });
        }
    }

    private IEnumerable<int> Candidates(MedicationFact line) => _index.Candidates(line).Where(index => Drug(_rules[index]).Matches(line));

    /// <summary>The lines a rule's condition reads of the group's other lines: those its <see cref="IOneLineCondition.Others"/> select.</summary>
    private IReadOnlyList<MedicationFact> Others(int index, IReadOnlyList<MedicationFact> otherLines) =>
        _others[index].Length == 0 ? [] : otherLines.Where(l => _others[index].Any(s => s.Matches(l))).ToList();

    private bool Holds(int index, MedicationFact line, PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> others) =>
        _rules[index].AppliesIn(patient) && Condition(_rules[index]).Holds(line, patient, labs, others);

    private static bool NeedsOtherLines(ClinicalRule rule, IOneLineCondition condition) =>
        rule.Modifiers.Any(m => m.When.Medication is not null) || condition.Others.Any();

    private static IOneLineCondition Condition(ClinicalRule rule) => (IOneLineCondition)rule.Condition;

    private static DrugSelector Drug(ClinicalRule rule) => Condition(rule).Drug;
}
