using MedEngine.Findings;
using NRules;
using NRules.RuleModel;

namespace MedEngine.Rules;

/// <summary>
/// One patient's findings as they stand, kept up to date from what changed: the findings NRules inserts, updates and
/// retracts (the rules' linked findings, and host rules' <see cref="Finding"/> facts) and the not-checked findings. Only the keys an update
/// touched are compared, so the cost of a delta follows the change, not the number of findings. Where two activations give
/// the same key, the most severe stands.
/// </summary>
internal sealed class FindingLedger
{
    private readonly Dictionary<IFact, Finding> _byFact = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, List<Finding>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Finding> _standing = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Finding> _notChecked = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);

    /// <summary>Every finding that holds, most severe first, then by key.</summary>
    public IReadOnlyList<Finding> All => Ordered(_standing.Values);

    /// <summary>
    /// Follows a fresh session: every finding it inserts, updates or retracts (linked facts, whether an action linked them
    /// or NRules retracted them when their match went away) is taken as it happens. The rule findings held before are forgotten.
    /// </summary>
    public void Follow(ISession session)
    {
        foreach (var finding in _byFact.Values)
        {
            Remove(finding);
        }

        _byFact.Clear();
        session.Events.FactInsertedEvent += (_, e) => Put(e.Fact);
        session.Events.FactUpdatedEvent += (_, e) => Put(e.Fact);
        session.Events.FactRetractedEvent += (_, e) => Take(e.Fact);
    }

    private void Put(IFact fact)
    {
        if (FindingOf(fact.Value) is { } finding)
        {
            Take(fact);
            _byFact[fact] = finding;
            Add(finding);
        }
    }

    private void Take(IFact fact)
    {
        if (_byFact.Remove(fact, out var before))
        {
            Remove(before);
        }
    }

    /// <summary>Sets or clears the not-checked finding under a key.</summary>
    public void SetNotChecked(string key, Finding? finding)
    {
        if (_notChecked.TryGetValue(key, out var before))
        {
            if (finding is not null && before.IsSameAs(finding))
            {
                return;
            }

            _notChecked.Remove(key);
            Remove(before);
        }

        if (finding is not null)
        {
            _notChecked[key] = finding;
            Add(finding);
        }
    }

    /// <summary>What changed since the last call: the touched keys compared with the findings that stood before.</summary>
    public FindingsDelta Settle()
    {
        if (_touched.Count == 0)
        {
            return FindingsDelta.None;
        }

        List<Finding> added = [], changed = [];
        List<string> removed = [];
        foreach (var key in _touched)
        {
            var now = _byKey.TryGetValue(key, out var findings) ? findings.MaxBy(f => f.Severity) : null;
            _standing.TryGetValue(key, out var before);
            if (now is null)
            {
                if (before is not null)
                {
                    _standing.Remove(key);
                    removed.Add(key);
                }
            }
            else if (before is null)
            {
                _standing[key] = now;
                added.Add(now);
            }
            else if (!before.IsSameAs(now))
            {
                _standing[key] = now;
                changed.Add(now);
            }
        }

        _touched.Clear();
        if (added.Count + changed.Count + removed.Count == 0)
        {
            return FindingsDelta.None;
        }

        removed.Sort(StringComparer.Ordinal);
        return new FindingsDelta(Ordered(added), Ordered(changed), removed);
    }

    private static Finding? FindingOf(object? value) => value switch
    {
        LinkedFinding linked => linked.Finding,
        Finding finding => finding,
        _ => null,
    };

    private void Add(Finding finding)
    {
        if (!_byKey.TryGetValue(finding.Key, out var findings))
        {
            findings = new List<Finding>(1);
            _byKey.Add(finding.Key, findings);
        }

        findings.Add(finding);
        _touched.Add(finding.Key);
    }

    private void Remove(Finding finding)
    {
        var findings = _byKey[finding.Key];
        findings.Remove(finding);
        if (findings.Count == 0)
        {
            _byKey.Remove(finding.Key);
        }

        _touched.Add(finding.Key);
    }

    private static List<Finding> Ordered(IEnumerable<Finding> findings) =>
        findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Key, StringComparer.Ordinal).ToList();
}
