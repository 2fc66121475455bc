using MedEngine.Findings;
using Xunit;

namespace MedEngine.Tests.Rules;

/// <summary>Never silent: what no rule could evaluate is a finding of its own (issue 11, item 5).</summary>
public sealed class NotCheckedTests
{
    private const string WarfarinNsaid = """
        id: W-1
        version: 1
        kind: interaction
        title: { nb: "Warfarin og NSAID", en: "Warfarin and NSAID" }
        message: { nb: "Blødning", en: "Bleeding" }
        severity: avoid
        handling: "Do something"
        tags: [test]
        between:
          - { names: [warfarin] }
          - { atc: ["M01A*"] }
        """;

    [Fact]
    public void ADrugNoRuleNames_IsReportedAsNotChecked_AndANamedOneIsNot()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var support = harness.Patient();
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg", "Simvastatin 20 mg"));
        var notChecked = Assert.Single(support.Findings, f => f.Category == FindingCategory.NotChecked);
        Assert.Equal("MEDENGINE-NOT-CHECKED|C10AA01", notChecked.Key);
        Assert.Equal(Severity.Info, notChecked.Severity);
        Assert.Equal(["C10AA01"], notChecked.LineIds);
        Assert.Contains("simvastatin", notChecked.Message.En, StringComparison.Ordinal);
        Assert.Contains("simvastatin", notChecked.Message.Nb, StringComparison.Ordinal);
        Assert.Equal("W-1", Assert.Single(RuleHarness.RuleFindings(support)).RuleId);
    }

    [Fact]
    public void AnUnresolvedEntry_IsNotChecked_WithItsReasonAndProposals_AndGoesWhenItResolves()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var support = harness.Patient();
        support.Apply(RuleHarness.GpList("Marevan", "Metforrmin 500 mg"));
        var unresolved = Assert.Single(support.Findings, f => f.Category == FindingCategory.NotChecked && f.LineIds.Count == 0);
        Assert.StartsWith("Not recognised: Metforrmin", unresolved.Title.En, StringComparison.Ordinal);
        Assert.Contains(unresolved.Values, v => v.Contains("metformin", StringComparison.Ordinal));
        Assert.Equal("Metforrmin 500 mg", Assert.Single(unresolved.Entries).Name);

        var delta = support.Apply(RuleHarness.GpList("Marevan", "Metformin 500 mg"));
        Assert.Contains(unresolved.Key, delta.Findings.Removed);
        Assert.Contains(support.Findings, f => f.Key == "MEDENGINE-NOT-CHECKED|A10BA02");
    }

    [Fact]
    public void ShippedLibrary_SamplePatient_NamesWhatItCouldNotCheck()
    {
        var runtime = new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseRulesDirectory(RepositoryPaths.Rules).UseTimeProvider(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(RuleHarness.Now)).Build();
        var session = runtime.OpenSession();
        session.ApplyAll(SamplePatient.Lists.Select(l => new MedEngine.Reconciliation.SourceListReplaced(l)));
        var findings = session.Findings.Where(f => f.Category == FindingCategory.NotChecked).ToList();
        Assert.Contains(findings, f => f.Title.En == "Not recognised: Metforrmin");
        Assert.All(findings, f => Assert.Equal("not-checked", FindingCategories.ToName(f.Category)));
    }
}
