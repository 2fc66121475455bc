using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Tests.Reconciliation;

/// <summary>The laws of reconciliation, over random patients.</summary>
public sealed class ReconciliationPropertyTests
{
    private static readonly ReconciliationEngine Engine = new(TestKnowledge.Shipped);

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static string Json(ReconciliationResult result)
    {
        using var stream = new MemoryStream();
        new ReconciliationJsonWriter().Write(new PatientEvaluation(result, []), stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Property(MaxTest = 150)]
    public Property OrderOfSourcesAndEntries_DoesNotChangeTheResult() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var lists = ScenarioGenerator.Lists(random);
        return Json(Engine.Reconcile(lists)) == Json(Engine.Reconcile(ScenarioGenerator.Shuffled(random, lists)));
    });

    [Property(MaxTest = 150)]
    public Property ReconcilingTwice_IsTheSameAsOnce() => Prop.ForAll(Seeds, seed =>
    {
        var lists = ScenarioGenerator.Lists(new Random(seed));
        var state = Engine.CreatePatientState();
        lists.ForEach(l => state.Apply(new SourceListReplaced(l)));
        var once = Json(state.Current);
        var deltas = lists.Select(l => state.Apply(new SourceListReplaced(l))).ToList();
        return deltas.All(d => d.IsEmpty) && Json(state.Current) == once && once == Json(Engine.Reconcile(lists));
    });

    [Property(MaxTest = 150)]
    public Property EveryInputEntry_IsAccountedForExactlyOnce() => Prop.ForAll(Seeds, seed =>
    {
        var lists = ScenarioGenerator.Lists(new Random(seed));
        var result = Engine.Reconcile(lists);
        var input = lists.SelectMany(l => l.Entries.Select(e => (l.Source.Id, e.EntryId))).Order().ToList();
        var output = result.Lines.SelectMany(l => l.Entries).Concat(result.Unresolved.Select(u => u.Entry))
            .Select(e => (e.Source.Id, e.Entry.EntryId)).Order().ToList();
        return input.SequenceEqual(output) && result.Unresolved.All(u => u.Reason.Length > 0);
    });

    [Property(MaxTest = 100)]
    public Property Incremental_EqualsBatch() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var lists = ScenarioGenerator.Lists(random).ToDictionary(l => l.Source.Id, StringComparer.Ordinal);
        var state = Engine.CreatePatientState();
        foreach (var list in lists.Values)
        {
            state.Apply(new SourceListReplaced(list));
        }

        for (var step = 0; step < 12; step++)
        {
            var change = ScenarioGenerator.Event(random, lists);
            var before = Json(state.Current);
            var delta = state.Apply(change);
            Assert.True(before == Json(state.Current) || !delta.IsEmpty, $"{change} changed the list but the delta is empty.");
        }

        return Json(state.Current) == Json(Engine.Reconcile(lists.Values));
    });

    [Fact]
    public void Apply_UnknownSourceOrEntry_ThrowsArgumentExceptionNamingIt()
    {
        var state = Engine.CreatePatientState();
        Assert.Contains("nowhere", Assert.Throws<ArgumentException>(() => state.Apply(new EntryRemoved("nowhere", "1"))).Message, StringComparison.Ordinal);
        state.Apply(new SourceListReplaced(new SourceList(new MedicationSource("gp", SourceKind.GeneralPractitioner), [])));
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => state.Apply(new EntryStopped("gp", "x", default))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_OneEntryChanged_ReturnsOnlyThatLine()
    {
        var state = Engine.CreatePatientState();
        foreach (var list in SamplePatient.Lists)
        {
            state.Apply(new SourceListReplaced(list));
        }

        var gp = SamplePatient.Lists.Single(l => l.Source.Id == "gp-olsen");
        var simvastatin = gp.Entries.Single(e => e.Name!.StartsWith("Simvastatin", StringComparison.Ordinal));
        var delta = state.Apply(new EntryUpserted(gp.Source, simvastatin with { DosageText = "1x2", Dose = null, TimesPerDay = null }));
        Assert.Equal("C10AA01", Assert.Single(delta.ChangedLines).Id);
        Assert.Empty(delta.AddedLines);
        Assert.Empty(delta.RemovedLineIds);
        Assert.Contains(delta.ChangedLines[0].Discrepancies, d => d.Kind == DiscrepancyKind.Dose);
    }
}
