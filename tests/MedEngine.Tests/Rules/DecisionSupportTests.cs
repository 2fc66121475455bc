using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Findings;
using MedEngine.Rules;
using Xunit;

namespace MedEngine.Tests.Rules;

/// <summary>Modifiers, filters, overrides, reload and incremental evaluation.</summary>
public sealed class DecisionSupportTests
{
    private static readonly string WarfarinNsaid = RuleKindTests.Rule("W-1", "interaction", "avoid", """
        between:
          - { names: [warfarin] }
          - { atc: ["M01A*"] }
        modifiers:
          - { when: { patient: { age: ">= 65" } }, raise: 1, because: "age 65 or over" }
          - { when: { medication: { atc: ["H02AB*"] } }, raise: 1, because: "corticosteroid" }
          - { when: { lab: { test: inr, above: 3.5 } }, raise: 1, because: "INR above 3.5" }
          - { when: { medication: { atc: ["A02BC*"] } }, lower: 1, because: "proton pump inhibitor" }
        """);

    [Fact]
    public void AChangeToAnotherLine_KeepsTheFindingObject_AndASameContentRebuild_IsNoChange()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var support = harness.Patient(RuleHarness.Aged(50));
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg", "Paracet 500 mg|1x3"));
        var before = Assert.Single(RuleHarness.RuleFindings(support));

        var otherLine = support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg", "Paracet 500 mg|2x3"));
        Assert.NotEmpty(otherLine.List.ChangedLines);
        Assert.True(otherLine.Findings.IsEmpty);
        Assert.Same(before, Assert.Single(RuleHarness.RuleFindings(support)));

        var sameContent = support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg|1x3", "Paracet 500 mg|2x3"));
        Assert.Contains(sameContent.List.ChangedLines, l => l.Substances.Any(s => s.Atc == "M01AE01"));
        Assert.True(sameContent.Findings.IsEmpty);
        var after = Assert.Single(RuleHarness.RuleFindings(support));
        Assert.True(after.IsSameAs(before));
        Assert.Equal(before.Explanation, after.Explanation);
    }

    [Fact]
    public void Modifiers_RaiseAndLower_AsTheListChanges()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var support = harness.Patient(RuleHarness.Aged(50));
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg"));
        Assert.Equal(Severity.Avoid, Assert.Single(support.Findings).Severity);

        var steroid = support.Apply(new EntryUpserted(new MedicationSource("gp", SourceKind.GeneralPractitioner, RuleHarness.Now.AddDays(-1)),
            new MedicationEntry { EntryId = "pred", Name = "Prednisolon 5 mg", Status = EntryStatus.Active }));
        var raised = Assert.Single(steroid.Findings.Changed);
        Assert.Equal(Severity.Contraindicated, raised.Severity);
        Assert.Contains(new SeverityChange(1, new LocalizedText("", "corticosteroid")), raised.Modifiers);

        var ppi = support.Apply(new EntryUpserted(new MedicationSource("gp", SourceKind.GeneralPractitioner, RuleHarness.Now.AddDays(-1)),
            new MedicationEntry { EntryId = "ppi", Name = "Somac 40 mg", Status = EntryStatus.Active }));
        Assert.Equal(Severity.Avoid, Assert.Single(ppi.Findings.Changed).Severity);
        Assert.Equal(Severity.Avoid, Assert.Single(support.Findings).BaseSeverity);
    }

    [Fact]
    public void DoseBandOnAnotherMedication_FollowsThatLine_AsItIsAddedChangedAndStopped()
    {
        using var harness = new RuleHarness(("d.yaml", RuleKindTests.Rule("D-V", "dose-limit", "caution", """
            drug: { names: [dabigatran] }
            limits:
              - { when: { medication: { names: [verapamil] } }, maxDaily: 220 mg }
            """)));
        var gp = new MedicationSource("gp", SourceKind.GeneralPractitioner, RuleHarness.Now.AddDays(-1));
        var support = harness.Patient(RuleHarness.Aged(70));
        support.Apply(RuleHarness.GpList("Pradaxa 150 mg kapsel|1x2"));
        Assert.Empty(RuleHarness.RuleFindings(support));

        var added = support.Apply(new EntryUpserted(gp, new MedicationEntry { EntryId = "v", Name = "Isoptin 80 mg tablett", DosageText = "1x3", Status = EntryStatus.Active }));
        var finding = Assert.Single(added.Findings.Added);
        Assert.Equal("D-V|B01AE07|C08DA01", finding.Key);
        Assert.Equal(["daily dose 300 mg > 220 mg (with verapamil (line C08DA01))"], finding.Values);

        // A new dose of verapamil is a new fact for the line: the finding is rebuilt with the same content, so no change.
        var changed = support.Apply(new EntryUpserted(gp, new MedicationEntry { EntryId = "v", Name = "Isoptin 80 mg tablett", DosageText = "1x2", Status = EntryStatus.Active }));
        Assert.True(changed.Findings.IsEmpty);
        Assert.True(finding.IsSameAs(Assert.Single(RuleHarness.RuleFindings(support))));

        var stopped = support.Apply(new EntryStopped("gp", "v", RuleHarness.Now, "bradykardi"));
        Assert.Equal(["D-V|B01AE07|C08DA01"], stopped.Findings.Removed);
        Assert.Empty(RuleHarness.RuleFindings(support));
    }

    [Fact]
    public void Modifiers_PatientAndLab_ApplyWhenThePatientChanges()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var support = harness.Patient(RuleHarness.Aged(50));
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg"));
        var delta = support.Apply(new PatientContextChanged(RuleHarness.Aged(70, labs: RuleHarness.Lab("inr", 4.1m))));
        var finding = Assert.Single(delta.Findings.Changed);
        Assert.Equal(Severity.Contraindicated, finding.Severity);
        Assert.Equal(2, finding.Modifiers.Count);
    }

    [Fact]
    public void StoppingADrug_RetractsTheFinding()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var support = harness.Patient();
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg"));
        var delta = support.Apply(new EntryStopped("gp", "e1", RuleHarness.Now, "blødning"));
        Assert.Equal(["W-1|B01AA03|M01AE01"], delta.Findings.Removed);
        Assert.Empty(support.Findings);
    }

    [Fact]
    public void OneFindingPerCombination_NotPerSource()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var support = harness.Patient();
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg"));
        support.Apply(new SourceListReplaced(new SourceList(new MedicationSource("sykehus", SourceKind.Hospital, RuleHarness.Now),
            [new MedicationEntry { EntryId = "h1", Name = "warfarin", Status = EntryStatus.Active }, new MedicationEntry { EntryId = "h2", Name = "ibuprofen 400 mg", Status = EntryStatus.Active }])));
        var finding = Assert.Single(support.Findings);
        Assert.Equal(4, finding.Entries.Count);
        Assert.Equal(2, finding.Entries.Select(e => e.Source).Distinct().Count());
    }

    [Fact]
    public void Filter_SeverityAndTags()
    {
        var finding = new Finding
        {
            Key = "k", RuleId = "r", RuleVersion = 1, Kind = "interaction", Severity = Severity.Info, BaseSeverity = Severity.Info,
            Title = LocalizedText.Empty, Message = LocalizedText.Empty, Handling = LocalizedText.Empty, LineIds = [], Entries = [],
            Explanation = "", Tags = ["bleeding"],
        };
        Assert.False(FindingFilter.Default.Passes(finding));
        Assert.True(new FindingFilter { MinimumSeverity = Severity.Info }.Passes(finding));
        Assert.False(new FindingFilter { MinimumSeverity = Severity.Info, Tags = ["renal"] }.Passes(finding));
        Assert.False(new FindingFilter { MinimumSeverity = Severity.Info, ExcludedTags = ["bleeding"] }.Passes(finding));
        Assert.True(FindingFilter.Default.Passes(finding with { Severity = Severity.Avoid }));
    }

    [Fact]
    public void Override_KeepsTheFindingQuietInTheSameContextOnly()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var support = harness.Patient();
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg"));
        var finding = Assert.Single(support.Interrupting(FindingFilter.Default, "encounter-1"));
        support.Override(new FindingOverride(finding.Key, "encounter-1", "Short course, INR checked", null, "dr", RuleHarness.Now));
        Assert.Empty(support.Interrupting(FindingFilter.Default, "encounter-1"));
        Assert.Single(support.Interrupting(FindingFilter.Default, "encounter-2"));
        Assert.Single(support.Findings);
        Assert.Single(support.Overrides);
    }

    [Fact]
    public void Reload_BrokenFile_KeepsTheLastGoodSetAndReportsEveryError()
    {
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid));
        var host = new RuleSetHost(harness.Load());
        var support = harness.Patient(host: host);
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg"));
        var good = host.Current;

        harness.Write("broken.yaml", "id: B-1\nversion: 1\nkind: interaction\nseverity: terrible\nbetween: [ { atc: [XYZ] } ]\n");
        var errors = host.Reload(harness.Directory, TestKnowledge.Shipped, harness.Time);
        Assert.True(errors.Count >= 4, string.Join("\n", errors));
        Assert.All(errors, e => Assert.True(e.File.EndsWith("broken.yaml", StringComparison.Ordinal) && e.Line > 0 && e.Column > 0, e.ToString()));
        Assert.Contains(errors, e => e.Code == InputIssueCodes.RuleInvalidValue && e.Message.Contains("terrible", StringComparison.Ordinal));
        Assert.Same(good, host.Current);
        Assert.Single(support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg", "Paracet 500 mg")).List.AddedLines);
        Assert.Single(RuleHarness.RuleFindings(support));

        File.Delete(Path.Combine(harness.Directory, "broken.yaml"));
        harness.Write("w.yaml", WarfarinNsaid.Replace("severity: avoid", "severity: caution", StringComparison.Ordinal));
        Assert.Empty(host.Reload(harness.Directory, TestKnowledge.Shipped, harness.Time));
        Assert.NotSame(good, host.Current);
        support.Apply(RuleHarness.GpList("Marevan", "Ibux 400 mg"));
        Assert.Equal(Severity.Caution, Assert.Single(RuleHarness.RuleFindings(support)).Severity);
    }

    private static readonly string[] Pool =
    [
        "Marevan", "Ibux 400 mg", "Naproxen 250 mg", "Prednisolon 5 mg", "Somac 40 mg", "Paracet 500 mg|2x4", "Metformin 500 mg|1x2",
        "Simvastatin 20 mg", "Klacid 500 mg", "Stesolid 5 mg", "Oxynorm 10 mg|1x4",
    ];

    [Property(MaxTest = 40)]
    public Property Findings_DoNotDependOnTheOrderFactsWereInserted() => Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
    {
        var random = new Random(seed);
        var chosen = Pool.Where(_ => random.Next(2) == 0).ToList();
        using var harness = new RuleHarness(("w.yaml", WarfarinNsaid), ("d.yaml", RuleKindTests.Rule("D-1", "duplicate", "caution", "drug: { atc: [\"M01A*\"] }\nsame: any")));
        var host = new RuleSetHost(harness.Load());
        var all = harness.Patient(RuleHarness.Aged(70), host);
        all.Apply(RuleHarness.GpList([.. chosen]));
        var oneByOne = harness.Patient(RuleHarness.Aged(70), host);
        oneByOne.Apply(RuleHarness.GpList());
        foreach (var (name, i) in chosen.Select((n, i) => (n, i)).OrderBy(_ => random.Next()))
        {
            var parts = name.Split('|');
            oneByOne.Apply(new EntryUpserted(new MedicationSource("gp", SourceKind.GeneralPractitioner, RuleHarness.Now.AddDays(-1)),
                new MedicationEntry { EntryId = $"e{i}", Name = parts[0], DosageText = parts.Length > 1 ? parts[1] : null, Status = EntryStatus.Active }));
        }

        static string Describe(IEnumerable<Finding> findings) => string.Join("\n", findings.Select(f => $"{f.Key} {f.Severity} {f.Explanation}"));
        return Describe(all.Findings) == Describe(oneByOne.Findings);
    });
}
