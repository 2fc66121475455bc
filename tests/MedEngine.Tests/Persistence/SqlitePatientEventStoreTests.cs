using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit;

namespace MedEngine.Tests.Persistence;

public sealed class SqlitePatientEventStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(1));
    private readonly string _folder = Directory.CreateTempSubdirectory("medengine-store-").FullName;

    private string File => Path.Combine(_folder, "events.db");

    private static NewPatientEvent Event(string id, string payload = "{}") => new(id, "sourceRemoved", payload, At, "sha256:abc");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Append_NumbersEachPatientsEventsFromOne_AndReadsThemBackAfterReopening()
    {
        await using (var store = new SqlitePatientEventStore(File))
        {
            var first = await store.AppendAsync("p1", [Event("a"), Event("b")]);
            await store.AppendAsync("p2", [Event("a")]);
            var third = await store.AppendAsync("p1", [Event("c", """{"x":"æøå"}""")]);
            Assert.Equal([1L, 2L], first.Select(e => e.Sequence));
            Assert.Equal(3, Assert.Single(third).Sequence);
        }

        await using var reopened = new SqlitePatientEventStore(File);
        var log = await reopened.ReadAsync("p1");
        Assert.Equal(["a", "b", "c"], log.Select(e => e.EventId));
        Assert.Equal(new StoredPatientEvent("p1", 3, "c", "sourceRemoved", """{"x":"æøå"}""", At, "sha256:abc"), log[2]);
        Assert.Equal(["c"], (await reopened.ReadAsync("p1", afterSequence: 2)).Select(e => e.EventId));
        Assert.Empty(await reopened.ReadAsync("unknown"));
        Assert.Equal(4, Assert.Single(await reopened.AppendAsync("p1", [Event("d")])).Sequence);
    }

    [Fact]
    public async Task Append_AnEventIdAlreadyStored_IsAConflict_AndAppendsNothingOfThatCall()
    {
        await using var store = new SqlitePatientEventStore(File);
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
    }

    [Fact]
    public async Task ConcurrentAppends_AreGrouped_AndEveryPatientsLogStaysGapless()
    {
        await using var store = new SqlitePatientEventStore(File);
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => store.AppendAsync($"p{i % 10}", [Event($"e{i}")]))));

        for (var p = 0; p < 10; p++)
        {
            var log = await store.ReadAsync($"p{p}");
            Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), log.Select(e => e.Sequence));
            Assert.Equal(40, log.Select(e => e.EventId).Distinct().Count());
        }
    }

    [Theory]
    [InlineData("UPDATE patient_event SET payload = 'x'")]
    [InlineData("DELETE FROM patient_event")]
    public async Task TheLog_RefusesUpdateAndDelete(string sql)
    {
        await using (var store = new SqlitePatientEventStore(File))
        {
            await store.AppendAsync("p1", [Event("a")]);
        }

        using var connection = new SqliteConnection($"Data Source={File}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }
}
