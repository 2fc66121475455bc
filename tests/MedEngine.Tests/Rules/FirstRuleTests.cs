using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Rules;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Tests.Rules;

public sealed class FirstRuleTests(ITestOutputHelper output)
{
    [Fact]
    public void WarfarinNsaid()
    {
        var time = TimeProvider.System;
        var rules = RuleSet.Load(Path.Combine(RepositoryPaths.Root, "rules"), TestKnowledge.Shipped, time);
        var support = new PatientDecisionSupport(new ReconciliationEngine(TestKnowledge.Shipped), new RuleSetHost(rules), time,
            new PatientContext { BirthDate = new DateOnly(1940, 1, 1) });
        var delta = support.Apply(new SourceListReplaced(new SourceList(new MedicationSource("gp", SourceKind.GeneralPractitioner),
        [
            new MedicationEntry { EntryId = "1", Name = "Marevan", Status = EntryStatus.Active },
            new MedicationEntry { EntryId = "2", Name = "Ibux 400 mg", Status = EntryStatus.Active },
        ])));
        foreach (var f in support.Findings)
        {
            output.WriteLine($"{f.Key} {f.Severity} {f.Explanation}");
        }

        Assert.Single(delta.AddedFindings);
        var d2 = support.Apply(new EntryRemoved("gp", "2"));
        Assert.Single(d2.RemovedFindings);
        Assert.Empty(support.Findings);
    }
}
