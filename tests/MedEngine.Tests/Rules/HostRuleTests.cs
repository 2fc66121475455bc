using MedEngine.Findings;
using MedEngine.Rules;
using NRules.Fluent;
using NRules.Fluent.Dsl;
using Xunit;

namespace MedEngine.Tests.Rules;

/// <summary>A host adds a rule in C# with NRules.Fluent next to the pharmacists' files, compiled into the same rule set.</summary>
public sealed class HostRuleTests
{
    [Fact]
    public void FluentRule_RunsBesideTheFileRules_AndReportsFindings()
    {
        using var harness = new RuleHarness(("w.yaml", RuleKindTests.Rule("W-1", "interaction", "avoid", "between:\n  - { names: [warfarin] }\n  - { atc: [\"M01A*\"] }")));
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(HighParacetamolDose)));
        Assert.Single(repository.GetRuleSets().SelectMany(set => set.Rules));
        var rules = RuleSet.Load(harness.Directory, TestKnowledge.Shipped, harness.Time, repository.GetRuleSets().SelectMany(set => set.Rules));
        Assert.Equal(1, rules.HostRuleCount);

        var support = harness.Patient(host: new RuleSetHost(rules));
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg", "Paracet 500 mg|2x4"));
        Assert.Equal(["HOST-1", "W-1"], RuleHarness.RuleFindings(support).Select(f => f.RuleId).Order(StringComparer.Ordinal));

        var delta = support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg", "Paracet 500 mg|1x3"));
        Assert.Equal(["HOST-1|N02BE01"], delta.Findings.Removed);
    }
}

/// <summary>A host's own rule: more than 3 g paracetamol a day. Top-level and public, as NRules.Fluent loads only public types.</summary>
public sealed class HighParacetamolDose : Rule
{
    public override void Define()
    {
        MedicationFact line = null!;
        When().Match(() => line, m => m.SubstanceKeys.Contains("N02BE01"), m => m.DailyDoseMg > 3000);
        Then().Do(ctx => ctx.InsertLinked("finding", new Finding
        {
            Key = "HOST-1|" + line.LineId,
            RuleId = "HOST-1",
            RuleVersion = 1,
            Kind = "host",
            Severity = Severity.Caution,
            BaseSeverity = Severity.Caution,
            Title = new LocalizedText("Høy paracetamoldose", "High paracetamol dose"),
            Message = LocalizedText.Empty,
            Handling = LocalizedText.Empty,
            LineIds = new[] { line.LineId },
            Entries = Array.Empty<FindingEntry>(),
            Explanation = $"{line.DailyDoseMg} mg a day",
        }));
    }
}
