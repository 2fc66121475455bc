using System.Diagnostics;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Microsoft.Extensions.Time.Testing;

namespace MedEngine.Benchmarks;

/// <summary>
/// 7. Memory with many patients known: N patients each get one source list through a <see cref="PatientService"/> on an
/// embedded store, then 20,000 entry events go to random ones of them, then they are let go after the idle time; the process's
/// managed heap and working set are read before, warm and idle.
/// </summary>
internal static class IdleMemory
{
    public static void Report(int patients, TextWriter output)
    {
        var folder = Directory.CreateTempSubdirectory("medengine-idle-").FullName;
        var time = new FakeTimeProvider(Workload.Now);
        var runtime = new MedEngineBuilder().UseKnowledge(Workload.Knowledge).UseRules(new Rules.RuleSetHost(Workload.Library)).UseTimeProvider(time).Build();
        var store = new SqlitePatientEventStore(Path.Combine(folder, "events.db"));
        var service = new PatientService(runtime, store, TimeSpan.FromMinutes(10));
        var list = Workload.PatientWithLines(5);
        var baseline = Measure();
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < patients; i = Interlocked.Increment(ref next))
            {
                await service.ApplyAsync($"p{i}", [new IdentifiedPatientEvent(null, new SourceListReplaced(list))]);
            }
        }))).GetAwaiter().GetResult();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var warm = Measure();
        var loaded = service.LoadedCount;

        // Events spread over the warm patients: one entry changed on a random patient, 64 at a time, each durable.
        const int Events = 20_000;
        var entry = list.Entries[2];
        var sent = -1;
        started = Stopwatch.GetTimestamp();
        Task.WhenAll(Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = Interlocked.Increment(ref sent); i < Events; i = Interlocked.Increment(ref sent))
            {
                var changed = entry with { DosageText = i % 2 == 0 ? "1x2" : "1x3" };
                await service.ApplyAsync($"p{random.Next(patients)}", [new IdentifiedPatientEvent(null, new EntryUpserted(list.Source, changed))]);
            }
        }))).GetAwaiter().GetResult();
        var spread = Stopwatch.GetElapsedTime(started);
        time.Advance(TimeSpan.FromMinutes(11));
        var idle = Measure();
        output.WriteLine($"{patients:N0} patients, one 5-line list each, stored in {elapsed.TotalSeconds:F1} s ({patients / elapsed.TotalSeconds:N0} patients/s, 64 at a time)");
        output.WriteLine($"  {Events:N0} entry events spread over them, 64 at a time: {Events / spread.TotalSeconds:N0} durable events/s");
        output.WriteLine($"  warm ({loaded:N0} loaded): managed heap +{(warm.Heap - baseline.Heap) / 1048576.0:N1} MiB ({(warm.Heap - baseline.Heap) / patients:N0} B per patient), working set {warm.WorkingSet / 1048576.0:N0} MiB");
        output.WriteLine($"  idle ({service.LoadedCount:N0} loaded after the idle time): managed heap +{(idle.Heap - baseline.Heap) / 1048576.0:N1} MiB, working set {idle.WorkingSet / 1048576.0:N0} MiB");
        service.Dispose();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), process.WorkingSet64);
    }
}
