using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MedEngine.Tests.Runtime;

public sealed class MedEngineRuntimeTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private static readonly Lazy<MedEngineRuntime> Shipped = new(() =>
        new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseRulesDirectory(RepositoryPaths.Rules).UseTimeProvider(Time).Build());

    private static PatientContext? SampleContext => PatientContexts.Merge(Directory.GetFiles(RepositoryPaths.Samples, "*.json")
        .Order(StringComparer.Ordinal).Select(path => new SourceListJsonReader().Read(File.ReadAllText(path), path).SinglePatient().Patient));

    private static IEnumerable<NRules.RuleModel.IRuleDefinition> HostRules()
    {
        var repository = new NRules.Fluent.RuleRepository();
        repository.Load(x => x.From(typeof(Rules.HighParacetamolDose)));
        return repository.GetRuleSets().SelectMany(set => set.Rules);
    }

    [Fact]
    public void Build_Twice_Throws()
    {
        var builder = new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped);
        builder.Build();

        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("already built", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_HostRules_AreCompiledWithTheShippedLibrary()
    {
        var runtime = new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseShippedRules(HostRules()).UseTimeProvider(Time).Build();
        var gp = new MedicationSource("gp", SourceKind.GeneralPractitioner, Time.GetUtcNow());
        MedicationEntry Entry(string id, string name, string? dosage = null) => new() { EntryId = id, Name = name, DosageText = dosage, Status = EntryStatus.Active };

        var evaluation = runtime.Evaluate([new SourceList(gp, [Entry("1", "Paracet 500 mg tablett", "2x4"), Entry("2", "Marevan 2,5 mg tablett"), Entry("3", "Ibux 400 mg tablett")])]);

        Assert.Contains(evaluation.Findings, f => f.RuleId == "HOST-1");
        Assert.Contains(evaluation.Findings, f => f.RuleId != "HOST-1");
    }

    [Fact]
    public void Build_MissingRulesFolder_ThrowsAnInputErrorNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "medengine-no-such-rules-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<InputException>(() => new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseRulesDirectory(missing).Build());
        Assert.Contains(error.Errors, e => e.ToString().Contains(missing, StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_SamplePatient_GivesTheListAndTheShippedFindings()
    {
        var evaluation = Shipped.Value.Evaluate(SamplePatient.Lists, SampleContext);

        Assert.Equal(SamplePatient.Lists.Sum(l => l.Entries.Count), evaluation.List.EntryCount);
        Assert.NotEmpty(evaluation.Findings);
        Assert.Equal(evaluation.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key), evaluation.Findings.Select(f => f.Key));
    }

    [Fact]
    public void Evaluate_WithoutDecisionSupport_ReconcilesAsTheReconciliationEngineDoes()
    {
        var runtime = new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).Build();

        var evaluation = runtime.Evaluate(SamplePatient.Lists);

        Assert.False(runtime.HasDecisionSupport);
        Assert.Empty(evaluation.Findings);
        var expected = new ReconciliationEngine(TestKnowledge.Shipped).Reconcile(SamplePatient.Lists);
        Assert.Equal(expected.Lines.Select(l => (l.Id, l.Proposed.Status, l.Discrepancies.Count)), evaluation.List.Lines.Select(l => (l.Id, l.Proposed.Status, l.Discrepancies.Count)));
    }

    [Fact]
    public void Evaluate_TwoListsFromOneSource_Throws()
    {
        var list = SamplePatient.Lists[0];

        Assert.Throws<ArgumentException>(() => Shipped.Value.Evaluate([list, list]));
    }

    [Fact]
    public void Session_EventByEvent_EndsWhereTheWholeEvaluationIs()
    {
        var whole = Shipped.Value.Evaluate(SamplePatient.Lists, SampleContext);
        var session = Shipped.Value.OpenSession();

        foreach (var list in SamplePatient.Lists)
        {
            session.Apply(new SourceListReplaced(list));
        }

        session.Apply(new PatientContextChanged(SampleContext!));
        Assert.Equal(whole.List.Lines.Select(l => l.Id), session.List.Lines.Select(l => l.Id));
        Assert.Equal(whole.Findings.Select(f => (f.Key, f.Severity)), session.Findings.Select(f => (f.Key, f.Severity)));
    }

    [Fact]
    public void Session_StoppingTheNsaid_ReturnsTheLineChangeAndTheFindingsItEnds()
    {
        var session = Shipped.Value.OpenSession(new PatientContext { BirthDate = new DateOnly(1938, 3, 14) });
        var gp = new MedicationSource("gp", SourceKind.GeneralPractitioner, Time.GetUtcNow().AddDays(-10));
        session.Apply(new SourceListReplaced(new SourceList(gp,
        [
            new MedicationEntry { EntryId = "1", Name = "Marevan 2,5 mg tablett", DosageText = "Etter INR", Status = EntryStatus.Active },
            new MedicationEntry { EntryId = "2", Name = "Ibux 400 mg tablett", DosageText = "1x3", Status = EntryStatus.Active },
        ])));
        var bleeding = session.Findings.Where(f => f.LineIds.Count == 2).Select(f => f.Key).ToList();
        Assert.NotEmpty(bleeding);

        var delta = session.Apply(new EntryStopped("gp", "2", Time.GetUtcNow(), "NSAID + warfarin"));

        var line = Assert.Single(delta.List.ChangedLines);
        Assert.Equal(EntryStatus.Stopped, line.Proposed.Status);
        Assert.Subset(delta.Findings.Removed.ToHashSet(StringComparer.Ordinal), bleeding.ToHashSet(StringComparer.Ordinal));
        Assert.DoesNotContain(session.Findings, f => bleeding.Contains(f.Key));
    }

    [Fact]
    public void Session_AnEventThatChangesNothing_ReturnsAnEmptyDelta()
    {
        var session = Shipped.Value.OpenSession();
        var list = SamplePatient.Lists[0];
        session.Apply(new SourceListReplaced(list));

        var delta = session.Apply(new SourceListReplaced(list));

        Assert.True(delta.IsEmpty);
    }
}
