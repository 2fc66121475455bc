using MedEngine.Model;
using MedEngine.Reconciliation;
using Xunit;

namespace MedEngine.Tests.Reconciliation;

public sealed class SupersededListTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static SourceList List(MedicationSource source, string name) =>
        new(source, [new MedicationEntry { EntryId = "e1", Name = name, Status = EntryStatus.Active }]);

    [Theory]
    [InlineData(5L, 4L, null, null, true)]
    [InlineData(5L, 5L, null, null, false)]
    [InlineData(4L, 5L, null, null, false)]
    [InlineData(null, null, 10, 9, true)]
    [InlineData(null, null, 10, 11, false)]
    [InlineData(5L, 6L, 10, 9, false)]
    [InlineData(5L, null, 10, 9, true)]
    [InlineData(null, null, null, 9, false)]
    public void AnOlderList_IsSuperseded_ByVersionElseByLastConfirmed(long? heldVersion, long? newVersion, int? heldDay, int? newDay, bool superseded)
    {
        var held = new MedicationSource("gp", SourceKind.GeneralPractitioner, heldDay is { } h ? Day.AddDays(h) : null) { Version = heldVersion };
        var incoming = held with { Version = newVersion, LastConfirmed = newDay is { } n ? Day.AddDays(n) : null };
        var state = new ReconciliationEngine(TestKnowledge.Shipped).CreatePatientState();
        state.Apply(new SourceListReplaced(List(held, "Marevan 2,5 mg tablett")));

        var delta = state.Apply(new SourceListReplaced(List(incoming, "Albyl-E 75 mg")));

        Assert.Equal(superseded, delta.Superseded.Count == 1);
        Assert.Equal(superseded ? "Marevan 2,5 mg tablett" : "Albyl-E 75 mg", Assert.Single(state.Current.Lines).Entries.Single().Entry.Name);
    }
}
