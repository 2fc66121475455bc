using MedEngine.Findings;
using MedEngine.Model;
using MedEngine.Knowledge;
using MedEngine.Reconciliation;

namespace MedEngine.Rules;

/// <summary>The outcome of one example of a rule file.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Example">The example.</param>
/// <param name="Passed">Whether the rule did what the example expects.</param>
/// <param name="Actual">What happened: whether it fired and with which severity.</param>
public sealed record RuleExampleResult(ClinicalRule Rule, RuleExample Example, bool Passed, string Actual);

/// <summary>Runs the examples written in rule files: each is a patient with a GP list; the rule must fire (or not) as expected.</summary>
/// <param name="knowledge">The knowledge base the examples' medications are resolved against.</param>
/// <param name="rules">The rule set.</param>
/// <param name="time">The clock: examples' ages and lab dates count from its today.</param>
public sealed class RuleExampleRunner(IKnowledgeBase knowledge, RuleSet rules, TimeProvider time)
{
    private readonly MedEngineRuntime _runtime =
        new MedEngineBuilder().UseKnowledge(knowledge).UseRules(new RuleSetHost(rules)).UseTimeProvider(time).Build();

    /// <summary>An example's lab key: a test name (<c>egfr</c>) or <c>loinc:CODE</c>.</summary>
    private static ClinicalCode LabCode(string key) =>
        key.StartsWith("loinc:", StringComparison.Ordinal) ? new ClinicalCode("loinc", key[6..]) : new ClinicalCode("medengine", key);

    /// <summary>Runs every example of every rule in the set.</summary>
    /// <returns>One result per example, in rule order.</returns>
    public IReadOnlyList<RuleExampleResult> RunAll() =>
        rules.Rules.SelectMany(rule => rule.Examples.Select(example => Run(rule, example))).ToList();

    /// <summary>Runs one example.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="example">The example.</param>
    /// <returns>The result.</returns>
    public RuleExampleResult Run(ClinicalRule rule, RuleExample example)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(example);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var patient = example.Patient with
        {
            BirthDate = example.Age is { } age ? today.AddYears(-age).AddDays(-1) : null,
            Labs =
            [
                .. example.Labs.Select(l => new LabResult(LabCode(l.Key), l.Value, null, now)),
                .. example.LabSeries.SelectMany(s => s.Value.Select(v => new LabResult(LabCode(s.Key), v.Value, null, now.AddDays(-v.Key)))),
            ],
        };
        var support = _runtime.OpenSession(patient);
        var medications = example.Medications.Select(m => example.DaysInUse.TryGetValue(m.EntryId, out var days) ? m with { Start = now.AddDays(-days) } : m).ToList();
        support.Apply(new SourceListReplaced(new SourceList(new MedicationSource("example", SourceKind.GeneralPractitioner, now), medications)));
        var finding = support.Findings.Where(f => f.RuleId == rule.Id).OrderByDescending(f => f.Severity).FirstOrDefault();
        var actual = finding is null ? "did not fire" : $"fired with severity {Severities.ToName(finding.Severity)}";
        var unresolved = support.List.Unresolved.Select(u => u.Entry.Entry.Name ?? u.Entry.Entry.EntryId).ToList();
        if (unresolved.Count > 0)
        {
            // An example whose medication does not resolve proves nothing (a negative one would pass vacuously): it fails.
            return new RuleExampleResult(rule, example, false, actual + $", but medication did not resolve: {string.Join(", ", unresolved)}");
        }

        var passed = finding is null ? !example.Fires : example.Fires && (example.Severity is null || example.Severity == finding.Severity);
        return new RuleExampleResult(rule, example, passed, actual);
    }
}
