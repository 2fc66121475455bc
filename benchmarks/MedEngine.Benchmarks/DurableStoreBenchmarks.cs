using BenchmarkDotNet.Attributes;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Microsoft.Data.Sqlite;

namespace MedEngine.Benchmarks;

/// <summary>
/// 6. Durable appends on this machine's disk (SQLite, WAL, synchronous FULL), per event: the baseline is raw SQLite with one
/// transaction per event; then the event store with one writer awaiting each append, and with 64 writers at once (group
/// commit). Events per second = 1 / the mean. Also the cold activation of a patient by folding 50 stored events.
/// </summary>
[MemoryDiagnoser]
public class DurableStoreBenchmarks
{
    private const int Events = 256;
    private readonly string _folder = Directory.CreateTempSubdirectory("medengine-bench-").FullName;
    private SqliteConnection _raw = null!;
    private SqliteCommand _insert = null!;
    private SqlitePatientEventStore _store = null!;
    private MedEngineRuntime _runtime = null!;
    private string _payload = "";
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _raw = new SqliteConnection($"Data Source={Path.Combine(_folder, "raw.db")}");
        _raw.Open();
        using (var schema = _raw.CreateCommand())
        {
            schema.CommandText = """
                PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
                CREATE TABLE event (patient_id TEXT NOT NULL, sequence INTEGER NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (patient_id, sequence)) WITHOUT ROWID;
                """;
            schema.ExecuteNonQuery();
        }

        _insert = _raw.CreateCommand();
        _insert.CommandText = "INSERT INTO event VALUES ($patient, $sequence, $payload)";
        _insert.Parameters.Add("$patient", SqliteType.Text);
        _insert.Parameters.Add("$sequence", SqliteType.Integer);
        _insert.Parameters.Add("$payload", SqliteType.Text);
        var list = Workload.PatientWithLines(20);
        _payload = PatientEventJson.Write(new EntryUpserted(list.Source, list.Entries[3]));
        _store = new SqlitePatientEventStore(Path.Combine(_folder, "events.db"));
        _runtime = Workload.Runtime(Workload.Library);
        var fifty = new List<IdentifiedPatientEvent> { new(null, new SourceListReplaced(list)) };
        for (var i = 1; i < 50; i++)
        {
            var entry = list.Entries[i % list.Entries.Count];
            fifty.Add(new(null, new EntryUpserted(list.Source, entry with { DosageText = i % 2 == 0 ? "1x2" : "1x3" })));
        }

        var cold = DurablePatient.LoadAsync(_runtime, _store, "cold").GetAwaiter().GetResult();
        foreach (var e in fifty)
        {
            cold.ApplyAsync([e]).GetAwaiter().GetResult();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _insert.Dispose();
        _raw.Dispose();
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "raw SQLite, one transaction per event")]
    public void RawOneTransactionPerEvent()
    {
        for (var i = 0; i < Events; i++)
        {
            using var transaction = _raw.BeginTransaction();
            _insert.Transaction = transaction;
            _insert.Parameters[0].Value = "p" + (i % 100);
            _insert.Parameters[1].Value = ++_next;
            _insert.Parameters[2].Value = _payload;
            _insert.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "MedEngine store, one writer")]
    public async Task StoreOneWriter()
    {
        for (var i = 0; i < Events; i++)
        {
            await _store.AppendAsync("p" + (i % 100), [new NewPatientEvent(Guid.NewGuid().ToString("N"), "entryUpserted", _payload, Workload.Now, null)]);
        }
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "MedEngine store, 64 writers (group commit)")]
    public async Task StoreConcurrentWriters()
    {
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async w =>
        {
            for (var i = 0; i < Events / 64; i++)
            {
                await _store.AppendAsync("p" + ((w * 7 + i) % 100), [new NewPatientEvent(Guid.NewGuid().ToString("N"), "entryUpserted", _payload, Workload.Now, null)]);
            }
        }));
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "MedEngine store, a burst of 256 appends")]
    public Task StoreBurst() => Task.WhenAll(Enumerable.Range(0, Events).Select(i =>
        _store.AppendAsync("p" + (i % 100), [new NewPatientEvent(Guid.NewGuid().ToString("N"), "entryUpserted", _payload, Workload.Now, null)])));

    [Benchmark(Description = "MedEngine cold activation, 50 events")]
    public async Task<long> ColdActivation() => (await DurablePatient.LoadAsync(_runtime, _store, "cold")).Sequence;
}
