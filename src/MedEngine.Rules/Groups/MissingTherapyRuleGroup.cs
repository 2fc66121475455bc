namespace MedEngine.Rules;

/// <summary>
/// The rules about the whole list (kinds whose condition is an <see cref="IWholeListCondition"/>: missing therapy), held as
/// data behind one generic NRules rule over the patient, the lab values and the collection of lines.
/// </summary>
internal sealed class MissingTherapyRuleGroup
{
    private readonly ClinicalRule[] _rules;
    private readonly FindingFactory[] _factories;

    public MissingTherapyRuleGroup(IReadOnlyList<ClinicalRule> rules, TimeProvider time)
    {
        _rules = rules.ToArray();
        _factories = _rules.Select(r => new FindingFactory(r, time)).ToArray();
    }

    /// <summary>Whether a rule can join the group: a kind about the whole list (<see cref="IWholeListCondition"/>), with no modifier on another medication.</summary>
    public static bool CanHold(ClinicalRule rule) =>
        rule.Condition is IWholeListCondition && rule.Modifiers.All(m => m.When.Medication is null);

    public int Count => _rules.Length;

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
