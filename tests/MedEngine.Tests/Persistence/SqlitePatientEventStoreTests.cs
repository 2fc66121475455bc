using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit;

namespace MedEngine.Tests.Persistence;

public sealed class SqlitePatientEventStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("medengine-store-").FullName;

    private string File => Path.Combine(_folder, "events.db");

    private Task<IPatientEventStore> Open() => Task.FromResult<IPatientEventStore>(new SqlitePatientEventStore(File));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public Task Append_NumbersEachPatientsEventsFromOne_AndReadsThemBackAfterReopening() =>
        EventStoreContract.NumbersEachPatientsEventsFromOne_AndReadsThemBackAfterReopening(Open);

    [Fact]
    public Task Append_AnEventIdAlreadyStored_IsAConflict_AndAppendsNothingOfThatCall() =>
        EventStoreContract.AnEventIdAlreadyStored_IsAConflict_AndAppendsNothingOfThatCall(Open);

    [Fact]
    public Task FindsAnEventByKeyAcrossPatients_ReadsOneType_AndRefusesAKeyTwice() =>
        EventStoreContract.FindsAnEventByKeyAcrossPatients_ReadsOneType_AndRefusesAKeyTwice(Open);

    [Fact]
    public Task KeepsTheNewestSnapshot_AcrossReopening() => EventStoreContract.KeepsTheNewestSnapshot_AcrossReopening(Open);

    [Fact]
    public Task ConcurrentAppends_AreGrouped_AndEveryPatientsLogStaysGapless() => EventStoreContract.ConcurrentAppends_KeepEveryPatientsLogGapless(Open);

    [Fact]
    public Task TheLog_RefusesUpdateAndDelete() => EventStoreContract.TheLog_RefusesUpdateAndDelete(Open, sql =>
    {
        using var connection = new SqliteConnection($"Data Source={File}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }, "patient_event");
}
