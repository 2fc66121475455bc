using BenchmarkDotNet.Attributes;
using MedEngine.Persistence;
using MedEngine.Persistence.PostgreSql;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Npgsql;

namespace MedEngine.Benchmarks;

/// <summary>
/// 8. Durable appends to PostgreSQL on loopback, per event: the baseline is raw Npgsql with one transaction per event into a
/// plain table; then the event store (a transaction per append, the patient's advisory lock, the sequence look-up) with one
/// writer and with 64 writers at once. Runs only where <see cref="ConnectionVariable"/> names a server
/// (<c>scripts/postgres.sh start</c> prints one); <c>Program</c> leaves the suite out otherwise, and says so.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlStoreBenchmarks
{
    /// <summary>The environment variable with the Npgsql connection string (the tests' too).</summary>
    public const string ConnectionVariable = "MEDENGINE_TEST_POSTGRES";

    private const int Events = 256;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private NpgsqlDataSource _raw = null!;
    private PostgreSqlPatientEventStore _store = null!;
    private string _payload = "";
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable)
            ?? throw new InvalidOperationException($"{ConnectionVariable} names no PostgreSQL server.");
        _raw = NpgsqlDataSource.Create(connection);
        using (var schema = _raw.CreateCommand("CREATE TABLE IF NOT EXISTS bench_raw_event (patient_id text NOT NULL, sequence bigint NOT NULL, payload text NOT NULL, PRIMARY KEY (patient_id, sequence))"))
        {
            schema.ExecuteNonQuery();
        }

        var list = Workload.PatientWithLines(20);
        _payload = PatientEventJson.Write(new EntryUpserted(list.Source, list.Entries[3]));
        _store = PostgreSqlPatientEventStore.OpenAsync(connection).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "raw Npgsql, one transaction per event")]
    public async Task RawOneTransactionPerEvent()
    {
        for (var i = 0; i < Events; i++)
        {
            await using var connection = await _raw.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO bench_raw_event VALUES ($1, $2, $3)", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _run + "-p" + (i % 100) });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ++_next });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _payload });
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "MedEngine PostgreSQL store, one writer")]
    public async Task StoreOneWriter()
    {
        for (var i = 0; i < Events; i++)
        {
            await _store.AppendAsync(_run + "-p" + (i % 100), [Event()]);
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "MedEngine PostgreSQL store, 64 writers")]
    public Task StoreConcurrentWriters() => Task.WhenAll(Enumerable.Range(0, 64).Select(async w =>
    {
        for (var i = 0; i < Events / 64; i++)
        {
            await _store.AppendAsync(_run + "-p" + ((w * 7 + i) % 100), [Event()]);
        }
    }));

    private NewPatientEvent Event() => new(Guid.NewGuid().ToString("N"), "entryUpserted", _payload, Workload.Now, null);
}
