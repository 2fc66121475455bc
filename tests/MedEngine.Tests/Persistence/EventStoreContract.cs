using MedEngine.Persistence;
using Xunit;

namespace MedEngine.Tests.Persistence;

/// <summary>
/// What every <see cref="IPatientEventStore"/> must do, run against each implementation by its own test class. The store
/// under test opens on one database; <c>open</c> may be called again to open it anew (a restart).
/// </summary>
internal static class EventStoreContract
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(1));

    public static NewPatientEvent Event(string id, string payload = "{}") => new(id, "sourceRemoved", payload, At, "sha256:abc");

    public static async Task NumbersEachPatientsEventsFromOne_AndReadsThemBackAfterReopening(Func<Task<IPatientEventStore>> open)
    {
        var store = await open();
        var first = await store.AppendAsync("p1", [Event("a"), Event("b")]);
        await store.AppendAsync("p2", [Event("a")]);
        var third = await store.AppendAsync("p1", [Event("c", """{"x":"æøå"}""")]);
        Assert.Equal([1L, 2L], first.Select(e => e.Sequence));
        Assert.Equal(3, Assert.Single(third).Sequence);
        await ((IAsyncDisposable)store).DisposeAsync();

        var reopened = await open();
        var log = await reopened.ReadAsync("p1");
        Assert.Equal(["a", "b", "c"], log.Select(e => e.EventId));
        Assert.Equal(new StoredPatientEvent("p1", 3, "c", "sourceRemoved", """{"x":"æøå"}""", At, "sha256:abc"), log[2]);
        Assert.Equal(["c"], (await reopened.ReadAsync("p1", afterSequence: 2)).Select(e => e.EventId));
        Assert.Empty(await reopened.ReadAsync("unknown"));
        Assert.Equal(4, Assert.Single(await reopened.AppendAsync("p1", [Event("d")])).Sequence);
        await ((IAsyncDisposable)reopened).DisposeAsync();
    }

    public static async Task AnEventIdAlreadyStored_IsAConflict_AndAppendsNothingOfThatCall(Func<Task<IPatientEventStore>> open)
    {
        var store = await open();
        await store.AppendAsync("p1", [Event("a")]);

        await Assert.ThrowsAsync<PatientEventConflictException>(() => store.AppendAsync("p1", [Event("b"), Event("a")]));
        await Assert.ThrowsAsync<PatientEventConflictException>(() => store.AppendAsync("p1", [Event("c"), Event("c")]));
        var together = new[] { store.AppendAsync("p1", [Event("a")]), store.AppendAsync("p3", [Event("x")]) };
        await Assert.ThrowsAsync<PatientEventConflictException>(() => together[0]);
        Assert.Equal(1, Assert.Single(await together[1]).Sequence);

        Assert.Equal(["a"], (await store.ReadAsync("p1")).Select(e => e.EventId));
        Assert.Equal(["a"], (await store.FindAsync("p1", ["a", "b"])).Keys);
        Assert.Equal(2, Assert.Single(await store.AppendAsync("p1", [Event("b")])).Sequence);
        Assert.Single(await store.AppendAsync("p2", [Event("a")]));
        await ((IAsyncDisposable)store).DisposeAsync();
    }

    public static async Task FindsAnEventByKeyAcrossPatients_ReadsOneType_AndRefusesAKeyTwice(Func<Task<IPatientEventStore>> open)
    {
        var store = await open();
        await store.AppendAsync("p1", [Event("a")]);
        await store.AppendAsync("p1", [new NewPatientEvent("r1", "cdsEvaluation", "{}", At, null) { Keys = ["card-1", "card-2"] }]);
        await store.AppendAsync("p2", [new NewPatientEvent("r1", "cdsEvaluation", "{}", At, null) { Keys = ["card-3"] }]);
        var conflict = store.AppendAsync("p3", [Event("x"), new NewPatientEvent("r2", "cdsEvaluation", "{}", At, null) { Keys = ["card-1"] }]);
        var beside = store.AppendAsync("p3", [Event("y")]);
        await Assert.ThrowsAsync<PatientEventConflictException>(() => conflict);
        Assert.Equal(1, Assert.Single(await beside).Sequence);
        await ((IAsyncDisposable)store).DisposeAsync();

        var reopened = await open();
        var found = await reopened.FindByKeyAsync("card-2");
        Assert.Equal(("p1", 2L, "r1"), (found!.PatientId, found.Sequence, found.EventId));
        Assert.Equal("p2", (await reopened.FindByKeyAsync("card-3"))!.PatientId);
        Assert.Null(await reopened.FindByKeyAsync("card-9"));
        Assert.Equal(["y"], (await reopened.ReadAsync("p3")).Select(e => e.EventId));
        Assert.Equal([2L], (await reopened.ReadTypeAsync("p1", "cdsEvaluation")).Select(e => e.Sequence));
        Assert.Equal([1L], (await reopened.ReadTypeAsync("p1", "sourceRemoved")).Select(e => e.Sequence));
        Assert.Empty(await reopened.ReadTypeAsync("p3", "cdsEvaluation"));
        await ((IAsyncDisposable)reopened).DisposeAsync();
    }

    public static async Task ConcurrentAppends_KeepEveryPatientsLogGapless(Func<Task<IPatientEventStore>> open)
    {
        var store = await open();
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => store.AppendAsync($"p{i % 10}", [Event($"e{i}")]))));

        for (var p = 0; p < 10; p++)
        {
            var log = await store.ReadAsync($"p{p}");
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), log.Select(e => e.Sequence));
            Assert.Equal(40, log.Select(e => e.EventId).Distinct().Count());
        }

        await ((IAsyncDisposable)store).DisposeAsync();
    }

    public static async Task TheLog_RefusesUpdateAndDelete(Func<Task<IPatientEventStore>> open, Func<string, Task> execute, string table)
    {
        var store = await open();
        await store.AppendAsync("p1", [Event("a")]);
        await ((IAsyncDisposable)store).DisposeAsync();

        foreach (var sql in new[] { $"UPDATE {table} SET payload = 'x'", $"DELETE FROM {table}" })
        {
            var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => execute(sql));
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
    }

    public static async Task KeepsTheNewestSnapshot_AcrossReopening(Func<Task<IPatientEventStore>> open)
    {
        var store = (IPatientSnapshotStore)await open();
        Assert.Null(await store.ReadSnapshotAsync("p1"));
        await store.SaveSnapshotAsync(new StoredSnapshot("p1", 16, "[1]", "sha256:abc"));
        await store.SaveSnapshotAsync(new StoredSnapshot("p1", 32, "[2]", null));
        await store.SaveSnapshotAsync(new StoredSnapshot("p1", 20, "[older]", null));
        await store.SaveSnapshotAsync(new StoredSnapshot("p2", 16, "[3]", null));
        await ((IAsyncDisposable)store).DisposeAsync();

        var reopened = (IPatientSnapshotStore)await open();
        Assert.Equal(new StoredSnapshot("p1", 32, "[2]", null), await reopened.ReadSnapshotAsync("p1"));
        Assert.Equal(16, (await reopened.ReadSnapshotAsync("p2"))!.Sequence);
        await ((IAsyncDisposable)reopened).DisposeAsync();
    }
}
