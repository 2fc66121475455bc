using MedEngine.Model;
using MedEngine.Reconciliation;
using NRules;

namespace MedEngine.Rules;

/// <summary>
/// One patient's reconciled list and findings, kept warm. Each event goes through reconciliation, and only the lines it
/// changed are inserted, updated or retracted in the patient's NRules session, so the cost follows the change. When the
/// host reloads the rules, the next event rebuilds the session from the current facts. Not thread-safe: one per patient.
/// </summary>
public sealed class PatientDecisionSupport
{
    private readonly PatientMedicationState _state;
    private readonly RuleSetHost _rules;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, MedicationFact> _medications = new(StringComparer.Ordinal);
    private readonly List<FindingOverride> _overrides = [];
    private PatientFact _patient;
    private IReadOnlyList<LabFact> _labs = [];
    private ISession? _session;
    private int _generation;
    private Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);

    /// <summary>Creates the state for one patient.</summary>
    /// <param name="engine">The reconciliation engine.</param>
    /// <param name="rules">The rules in use.</param>
    /// <param name="time">The clock: it decides ages and how old lab values are.</param>
    /// <param name="patient">What is known about the patient, if anything.</param>
    public PatientDecisionSupport(ReconciliationEngine engine, RuleSetHost rules, TimeProvider time, PatientContext? patient = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(time);
        _state = engine.CreatePatientState();
        _rules = rules;
        _time = time;
        _patient = new PatientFact(patient, Today);
        _labs = LabFacts.From(_patient, time.GetUtcNow());
    }

    /// <summary>The reconciled list.</summary>
    public ReconciliationResult List => _state.Current;

    /// <summary>Every finding that holds, most severe first, then by key.</summary>
    public IReadOnlyList<Finding> Findings => Ordered(_findings.Values);

    /// <summary>The overrides recorded for this patient, oldest first.</summary>
    public IReadOnlyList<FindingOverride> Overrides => _overrides;

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    /// <summary>Applies one source event and returns what changed in the list and in the findings.</summary>
    /// <param name="sourceEvent">The event.</param>
    /// <returns>The changes.</returns>
    public DecisionSupportDelta Apply(SourceEvent sourceEvent) => ApplyAll([sourceEvent]);

    /// <summary>Applies several source events (for example every list of a patient at once) and evaluates once.</summary>
    /// <param name="sourceEvents">The events, in order.</param>
    /// <returns>The changes they made together.</returns>
    public DecisionSupportDelta ApplyAll(IEnumerable<SourceEvent> sourceEvents)
    {
        var listDelta = _state.ApplyAll(sourceEvents);
        var session = Session();
        foreach (var line in listDelta.AddedLines.Concat(listDelta.ChangedLines))
        {
            var present = _medications.ContainsKey(line.Id);
            if (MedicationFact.IsCurrent(line))
            {
                var fact = new MedicationFact(line);
                if (!present)
                {
                    session.Insert(fact);
                }
                else if (!fact.IsEquivalentTo(_medications[line.Id]))
                {
                    session.Update(fact);
                }
                else
                {
                    continue;
                }

                _medications[line.Id] = fact;
            }
            else if (present)
            {
                session.Retract(_medications[line.Id]);
                _medications.Remove(line.Id);
            }
        }

        foreach (var id in listDelta.RemovedLineIds)
        {
            if (_medications.Remove(id, out var fact))
            {
                session.Retract(fact);
            }
        }

        return Fire(listDelta);
    }

    /// <summary>Replaces what is known about the patient (age, weight, conditions, allergies, labs) and re-evaluates.</summary>
    /// <param name="patient">The patient.</param>
    /// <returns>The changes in the findings.</returns>
    public DecisionSupportDelta SetPatient(PatientContext patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        var session = Session();
        _patient = new PatientFact(patient, Today);
        session.Update(_patient);
        var labs = LabFacts.From(_patient, _time.GetUtcNow());
        session.TryRetractAll(_labs.Where(old => labs.All(l => l.Test != old.Test)));
        session.TryUpdateAll(labs.Where(l => _labs.Any(old => old.Test == l.Test)));
        session.TryInsertAll(labs.Where(l => _labs.All(old => old.Test != l.Test)));
        _labs = labs;
        return Fire(new ReconciliationDelta([], [], [], [], [], false));
    }

    /// <summary>Records an override. The finding then stays quiet in the same context (see <see cref="Interrupting"/>).</summary>
    /// <param name="decision">The override.</param>
    public void Override(FindingOverride decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _overrides.Add(decision);
    }

    /// <summary>The findings that should interrupt the clinician now: those the filter passes and nobody overrode in this context.</summary>
    /// <param name="filter">The host's filter.</param>
    /// <param name="context">The context (for example an encounter id).</param>
    /// <returns>The findings, most severe first.</returns>
    public IReadOnlyList<Finding> Interrupting(FindingFilter filter, string context)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Findings.Where(f => filter.Passes(f) && !_overrides.Any(o => o.FindingKey == f.Key && o.Context == context)).ToList();
    }

    private ISession Session()
    {
        var rules = _rules.Current;
        if (_session is not null && _generation == rules.Generation)
        {
            return _session;
        }

        _session = rules.SessionFactory.CreateSession();
        _generation = rules.Generation;
        _session.Insert(_patient);
        _session.InsertAll(_labs);
        _session.InsertAll(_medications.Values);
        return _session;
    }

    private DecisionSupportDelta Fire(ReconciliationDelta listDelta)
    {
        var session = Session();
        session.Fire();
        // Query returns an IQueryable: enumerate it as objects, or every LINQ operator compiles an expression tree.
        var now = session.Query<Finding>().AsEnumerable().GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(f => f.Severity).First(), StringComparer.Ordinal);
        var added = Ordered(now.Values.Where(f => !_findings.ContainsKey(f.Key)));
        var changed = Ordered(now.Values.Where(f => _findings.TryGetValue(f.Key, out var before) && !Same(before, f)));
        var removed = _findings.Keys.Where(k => !now.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        _findings = now;
        return new DecisionSupportDelta(listDelta, added, changed, removed);
    }

    private static List<Finding> Ordered(IEnumerable<Finding> findings) =>
        findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();

    private static bool Same(Finding a, Finding b) =>
        a.Severity == b.Severity && a.Explanation == b.Explanation && a.Entries.SequenceEqual(b.Entries) && a.RuleVersion == b.RuleVersion;
}
