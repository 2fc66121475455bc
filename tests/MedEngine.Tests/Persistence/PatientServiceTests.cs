using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Model;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using MedEngine.Tests.Reconciliation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MedEngine.Tests.Persistence;

public sealed class PatientServiceTests : IDisposable
{
    private static readonly Arbitrary<int> Seeds = ArbMap.Default.ArbFor<int>();
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
    private static readonly Lazy<MedEngineRuntime> Runtime = new(() =>
        new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseRulesDirectory(RepositoryPaths.Rules).UseTimeProvider(Time).Build());

    private readonly string _folder = Directory.CreateTempSubdirectory("medengine-patients-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Json(PatientEvaluation evaluation)
    {
        using var stream = new MemoryStream();
        new ReconciliationJsonWriter().Write(evaluation, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static IdentifiedPatientEvent[] One(PatientEvent patientEvent, string? id = null) => [new(id, patientEvent)];

    [Property(MaxTest = 40)]
    public Property Restored_EqualsLive_AndEqualsABatchOfTheLists() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var file = Path.Combine(_folder, $"{seed}-{Guid.NewGuid():N}.db");
        var lists = new Dictionary<string, SourceList>(StringComparer.Ordinal);
        string live;
        long sequence;
        var store = new SqlitePatientEventStore(file);
        using (var service = new PatientService(Runtime.Value, store))
        {
            foreach (var list in ScenarioGenerator.Lists(random))
            {
                lists[list.Source.Id] = list;
                service.ApplyAsync("p1", One(new SourceListReplaced(list))).GetAwaiter().GetResult();
            }

            service.ApplyAsync("p1", One(new PatientContextChanged(new PatientContext { BirthDate = new DateOnly(1938, 1, 1), WeightKg = 60 }))).GetAwaiter().GetResult();
            for (var step = 0; step < 15; step++)
            {
                service.ApplyAsync("p1", One(ScenarioGenerator.Event(random, lists), $"e{step}")).GetAwaiter().GetResult();
            }

            var snapshot = service.GetAsync("p1").GetAwaiter().GetResult()!;
            live = Json(snapshot.Evaluation);
            sequence = snapshot.Sequence;
            Assert.Equal(live, Json(Runtime.Value.Evaluate(snapshot.Lists, snapshot.Patient)));
        }

        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var reopened = new SqlitePatientEventStore(file);
        var restored = DurablePatient.LoadAsync(Runtime.Value, reopened, "p1").GetAwaiter().GetResult();
        var kept = reopened.ReadSnapshotAsync("p1").GetAwaiter().GetResult();
        var folded = DurablePatient.LoadAsync(Runtime.Value, reopened, "p1", atSequence: kept!.Sequence - 1).GetAwaiter().GetResult();
        reopened.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var batch = Runtime.Value.Evaluate(lists.Values, new PatientContext { BirthDate = new DateOnly(1938, 1, 1), WeightKg = 60 });
        return (Json(restored.Snapshot.Evaluation) == live).Label("restored (a snapshot and the events after it) equals live")
            .And((kept.Sequence == DurablePatient.SnapshotInterval * (sequence / DurablePatient.SnapshotInterval)).Label("a snapshot every 16 events"))
            .And((folded.Sequence == kept.Sequence - 1).Label("a load before the snapshot folds the log"))
            .And((restored.Sequence == sequence).Label("same sequence"))
            .And((Json(batch) == live).Label("live equals the batch of the lists"));
    });

    [Fact]
    public async Task AnEventDeliveredTwice_ChangesNothing_AndAnswersWithTheStoredSequence()
    {
        await using var store = new SqlitePatientEventStore(Path.Combine(_folder, "events.db"));
        using var service = new PatientService(Runtime.Value, store);
        var list = SamplePatient.Lists[0];
        var first = await service.ApplyAsync("p1", One(new SourceListReplaced(list), "gp-1"));
        await service.ApplyAsync("p1", One(new EntryRemoved(list.Source.Id, list.Entries[0].EntryId), "gp-2"));
        var before = Json((await service.GetAsync("p1"))!.Evaluation);

        var again = await service.ApplyAsync("p1", One(new SourceListReplaced(list), "gp-1"));

        Assert.True(again.IsRedelivery);
        Assert.True(again.Lines.IsEmpty && again.Findings.IsEmpty && again.SupersededSources.Count == 0);
        Assert.Equal(2, again.Sequence);
        Assert.Equal(before, Json((await service.GetAsync("p1"))!.Evaluation));
        Assert.Equal(2, (await store.ReadAsync("p1")).Count);
        Assert.False(first.IsRedelivery);
    }

    [Fact]
    public async Task AnEventNamingAnUnknownEntry_IsRejected_StoresNothing_AndThePatientStaysUsable()
    {
        await using var store = new SqlitePatientEventStore(Path.Combine(_folder, "events.db"));
        using var service = new PatientService(Runtime.Value, store);
        var list = SamplePatient.Lists[0];
        await service.ApplyAsync("p1", One(new SourceListReplaced(list)));

        var error = await Assert.ThrowsAsync<PatientEventRejectedException>(() => service.ApplyAsync("p1",
            [new(null, new EntryRemoved(list.Source.Id, list.Entries[0].EntryId)), new(null, new EntryStopped(list.Source.Id, "no-such-entry", Time.GetUtcNow()))]));

        Assert.Contains("no-such-entry", error.Message, StringComparison.Ordinal);
        Assert.Single(await store.ReadAsync("p1"));
        var snapshot = (await service.GetAsync("p1"))!;
        Assert.Equal(Json(Runtime.Value.Evaluate([list])), Json(snapshot.Evaluation));
        Assert.Equal(2, (await service.ApplyAsync("p1", One(new EntryRemoved(list.Source.Id, list.Entries[0].EntryId)))).Sequence);
    }

    [Fact]
    public async Task AnOlderList_IsStoredAsSuperseded_AndReplayedTheSameWay()
    {
        await using var store = new SqlitePatientEventStore(Path.Combine(_folder, "events.db"));
        using var service = new PatientService(Runtime.Value, store);
        var list = SamplePatient.Lists[0];
        var newer = new SourceList(list.Source with { Version = 7 }, list.Entries);
        var older = new SourceList(list.Source with { Version = 6 }, list.Entries.Take(1).ToList());
        await service.ApplyAsync("p1", One(new SourceListReplaced(newer)));

        var change = await service.ApplyAsync("p1", One(new SourceListReplaced(older)));

        Assert.Equal([older.Source.Id], change.SupersededSources);
        Assert.Equal(2, change.Sequence);
        var restored = await DurablePatient.LoadAsync(Runtime.Value, store, "p1");
        Assert.Equal(Json(Runtime.Value.Evaluate([newer])), Json(restored.Snapshot.Evaluation));
    }

    [Fact]
    public async Task Load_AtASequence_GivesTheListAsItWasThen_AndSaysWhichRulesWereRecorded()
    {
        await using var store = new SqlitePatientEventStore(Path.Combine(_folder, "events.db"));
        using var service = new PatientService(Runtime.Value, store);
        var lists = SamplePatient.Lists;
        foreach (var list in lists)
        {
            await service.ApplyAsync("p1", One(new SourceListReplaced(list)));
        }

        var then = await DurablePatient.LoadAsync(Runtime.Value, store, "p1", atSequence: 2);

        Assert.Equal(2, then.Sequence);
        Assert.Equal(Json(Runtime.Value.Evaluate(lists.Take(2))), Json(then.Snapshot.Evaluation));
        Assert.StartsWith("sha256:", then.RecordedRuleSetHash, StringComparison.Ordinal);
        Assert.True(then.Snapshot.UsesRecordedRules);
    }

    [Fact]
    public async Task Watchers_GetEachDurableChange_AndIdlePatientsAreLetGo()
    {
        var time = new FakeTimeProvider(Time.GetUtcNow());
        var runtime = new MedEngineBuilder().UseKnowledge(TestKnowledge.Shipped).UseTimeProvider(time).Build();
        await using var store = new SqlitePatientEventStore(Path.Combine(_folder, "events.db"));
        using var service = new PatientService(runtime, store, TimeSpan.FromMinutes(5));
        using var stop = new CancellationTokenSource();
        var watched = new List<PatientChange>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in service.WatchAsync("p1", stop.Token))
            {
                watched.Add(change);
                if (watched.Count == 2)
                {
                    return;
                }
            }
        });
        while (!watching.IsCompleted && watched.Count == 0)
        {
            await service.ApplyAsync("p1", One(new SourceListReplaced(SamplePatient.Lists[watched.Count])));
            if (await Task.WhenAny(watching, Task.Delay(50)) == watching)
            {
                break;
            }
        }

        await service.ApplyAsync("p2", One(new SourceListReplaced(SamplePatient.Lists[1])));
        await service.ApplyAsync("p1", One(new SourceListReplaced(SamplePatient.Lists[1])));
        await watching.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(watched, c => Assert.Equal("p1", c.PatientId));
        Assert.True(watched[0].Sequence < watched[1].Sequence);

        Assert.Equal(2, service.LoadedCount);
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, service.LoadedCount);
        Assert.Equal(watched[1].Sequence, (await service.GetAsync("p1"))!.Sequence);
        Assert.Null(await service.GetAsync("never-seen"));
    }
}
