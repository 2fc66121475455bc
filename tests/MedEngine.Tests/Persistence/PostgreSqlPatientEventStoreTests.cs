using MedEngine.Persistence;
using MedEngine.Persistence.PostgreSql;
using Npgsql;
using Xunit;

namespace MedEngine.Tests.Persistence;

/// <summary>The store contract on a real PostgreSQL server (scripts/postgres.sh), each test in a database of its own.</summary>
public sealed class PostgreSqlPatientEventStoreTests
{
    private static async Task<string> FreshDatabaseAsync()
    {
        var server = await PostgresServer.Shared;
        var name = "medengine_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static async Task<Func<Task<IPatientEventStore>>> OpenerAsync()
    {
        var database = await FreshDatabaseAsync();
        return async () => await PostgreSqlPatientEventStore.OpenAsync(database);
    }

    [PostgresFact]
    public async Task Append_NumbersEachPatientsEventsFromOne_AndReadsThemBackAfterReopening() =>
        await EventStoreContract.NumbersEachPatientsEventsFromOne_AndReadsThemBackAfterReopening(await OpenerAsync());

    [PostgresFact]
    public async Task Append_AnEventIdAlreadyStored_IsAConflict_AndAppendsNothingOfThatCall() =>
        await EventStoreContract.AnEventIdAlreadyStored_IsAConflict_AndAppendsNothingOfThatCall(await OpenerAsync());

    [PostgresFact]
    public async Task FindsAnEventByKeyAcrossPatients_ReadsOneType_AndRefusesAKeyTwice() =>
        await EventStoreContract.FindsAnEventByKeyAcrossPatients_ReadsOneType_AndRefusesAKeyTwice(await OpenerAsync());

    [PostgresFact]
    public async Task KeepsTheNewestSnapshot_AcrossReopening() => await EventStoreContract.KeepsTheNewestSnapshot_AcrossReopening(await OpenerAsync());

    [PostgresFact]
    public async Task ConcurrentAppends_KeepEveryPatientsLogGapless() => await EventStoreContract.ConcurrentAppends_KeepEveryPatientsLogGapless(await OpenerAsync());

    [PostgresFact]
    public async Task TheLog_RefusesUpdateAndDelete()
    {
        var database = await FreshDatabaseAsync();
        await EventStoreContract.TheLog_RefusesUpdateAndDelete(async () => await PostgreSqlPatientEventStore.OpenAsync(database), async sql =>
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }, "medengine_patient_event");
    }

    [PostgresFact]
    public async Task TwoNodesStartingTogether_CreateTheSchemaOnce()
    {
        var database = await FreshDatabaseAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgreSqlPatientEventStore.OpenAsync(database)));
        Assert.Equal(1, Assert.Single(await stores[0].AppendAsync("p1", [EventStoreContract.Event("a")])).Sequence);
        Assert.Single(await stores[3].ReadAsync("p1"));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
