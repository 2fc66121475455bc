using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Reconciliation;
using NRules;

namespace MedEngine.Rules;

/// <summary>
/// One patient's findings, kept warm in an NRules session. Each update inserts, updates or retracts only the lines reconciliation
/// changed, so the cost follows the change. When the host reloads the rules, the next update rebuilds the session from the
/// current facts. Not thread-safe: one per patient session.
/// </summary>
internal sealed class PatientDecisionSupport : IPatientDecisionSupport
{
    private readonly RuleSetHost _rules;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, MedicationFact> _medications = new(StringComparer.Ordinal);
    private PatientFact _patient;
    private IReadOnlyList<LabFact> _labs = [];
    private ISession? _session;
    private int _generation;
    private readonly FindingLedger _findings = new();

    public PatientDecisionSupport(RuleSetHost rules, TimeProvider time, PatientContext? patient)
    {
        _rules = rules;
        _time = time;
        _patient = new PatientFact(patient, Today);
        _labs = LabFacts.From(_patient, time.GetUtcNow());
    }

    public IReadOnlyList<Finding> Findings => _findings.All;

    private DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public FindingsDelta Update(ReconciliationDelta list, PatientContext? patient)
    {
        ArgumentNullException.ThrowIfNull(list);
        var session = Session();
        if (patient is not null)
        {
            SetPatient(session, patient);
        }

        foreach (var line in list.AddedLines.Concat(list.ChangedLines))
        {
            var present = _medications.ContainsKey(line.Id);
            if (MedicationFact.IsCurrent(line))
            {
                var fact = new MedicationFact(line, Today);
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
                SetCoverage(fact);
            }
            else if (present)
            {
                session.Retract(_medications[line.Id]);
                _medications.Remove(line.Id);
                _findings.SetNotChecked(NotCheckedFindings.Key(line.Id), null);
            }
        }

        foreach (var id in list.RemovedLineIds)
        {
            _findings.SetNotChecked(NotCheckedFindings.Key(id), null);
            if (_medications.Remove(id, out var fact))
            {
                session.Retract(fact);
            }
        }

        foreach (var entry in list.RemovedUnresolved)
        {
            _findings.SetNotChecked(NotCheckedFindings.Key(entry), null);
        }

        foreach (var unresolved in list.AddedUnresolved)
        {
            var finding = NotCheckedFindings.ForUnresolved(unresolved);
            _findings.SetNotChecked(finding.Key, finding);
        }

        return Fire(session);
    }

    /// <summary>Reports the line as not checked when no rule of the current rule set names it.</summary>
    private void SetCoverage(MedicationFact line)
    {
        _findings.SetNotChecked(NotCheckedFindings.Key(line.LineId), _rules.Current.Coverage.Covers(line) ? null : NotCheckedFindings.ForLine(line));
    }

    private void SetPatient(ISession session, PatientContext patient)
    {
        _patient = new PatientFact(patient, Today);
        session.Update(_patient);
        var labs = LabFacts.From(_patient, _time.GetUtcNow());
        session.TryRetractAll(_labs.Where(old => labs.All(l => l.Test != old.Test)));
        session.TryUpdateAll(labs.Where(l => _labs.Any(old => old.Test == l.Test)));
        session.TryInsertAll(labs.Where(l => _labs.All(old => old.Test != l.Test)));
        _labs = labs;
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
        _findings.Follow(_session);
        _session.Insert(_patient);
        _session.InsertAll(_labs);
        _session.InsertAll(_medications.Values);
        foreach (var line in _medications.Values)
        {
            SetCoverage(line);
        }

        return _session;
    }

    /// <summary>Fires the rules; the ledger has followed every finding they changed, so the delta costs what changed.</summary>
    private FindingsDelta Fire(ISession session)
    {
        session.Fire();
        return _findings.Settle();
    }
}
