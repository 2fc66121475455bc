namespace MedEngine.Rules;

/// <summary>
/// The rules about the whole list (kinds whose condition is an <see cref="IWholeListCondition"/>: missing therapy), held as
/// data behind one generic NRules rule over the patient, the lab values and the collection of lines.
/// </summary>
internal sealed class MissingTherapyRuleGroup
{
    private readonly ClinicalRule[] _rules;
    private readonly FindingFactory[] _factories;
    private readonly SelectorIndex _index;

    public MissingTherapyRuleGroup(IReadOnlyList<ClinicalRule> rules, TimeProvider time)
    {
        _rules = rules.ToArray();
        _factories = _rules.Select(r => new FindingFactory(r, time)).ToArray();
        _index = new SelectorIndex(_rules, rule => ((IWholeListCondition)rule.Condition).Selectors);
    }

    /// <summary>Whether a rule can join the group: a kind about the whole list (<see cref="IWholeListCondition"/>), with no modifier on another medication.</summary>
    public static bool CanHold(ClinicalRule rule) =>
        rule.Condition is IWholeListCondition && rule.Modifiers.All(m => m.When.Medication is null);

    public int Count => _rules.Length;

    /// <summary>
    /// Whether any rule of the group names this line (as the therapy missing or as one the patient takes): only such lines
    /// can change what the group finds, so only they are collected, and a change to another line does not wake the group.
    /// </summary>
    public bool Concerns(MedicationFact line) => _index.Names(line);

    /// <summary>The rules that hold.</summary>
    public IEnumerable<RuleHit> Hits(PatientFact patient, IReadOnlyList<LabFact> labs, IReadOnlyList<MedicationFact> lines)
    {
        for (var i = 0; i < _rules.Length; i++)
        {
            var condition = (IWholeListCondition)_rules[i].Condition;
            if (_rules[i].AppliesIn(patient) && condition.Holds(patient, labs, lines))
            {
                yield return new RuleHit(_rules[i].Id, _factories[i], RuleMatch.Of(condition.Concerned(lines), patient, labs));
            }
        }
    }
}
