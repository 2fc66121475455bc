using MedEngine.Model;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Orleans.Tests;

/// <summary>
/// Two silos of Orleans' in-process test cluster over one event store: patients answer from either, and when one silo is
/// stopped abruptly its patients answer again from the other with everything acknowledged.
/// </summary>
public sealed class PatientGrainTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("medengine-orleans-").FullName;
    private static readonly Lazy<SqlitePatientEventStore> Store = new(() => new SqlitePatientEventStore(Path.Combine(Folder, "events.db")));
    private static readonly Lazy<MedEngineRuntime> Runtime = new(() => new MedEngineBuilder().UseRulesDirectory(RepositoryPaths.Rules).Build());
    private TestCluster _cluster = null!;

    /// <summary>Every silo gets the same runtime and store, short membership timeouts and a short idle time.</summary>
    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton(Runtime.Value);
            siloBuilder.Services.AddSingleton<IPatientEventStore>(Store.Value);
            siloBuilder.AddMedEnginePatients();
            siloBuilder.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
        }
    }

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<Silo>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static string Sample(string name, string sourceId)
    {
        var list = new SourceListJsonReader().Read(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, name)), name).SinglePatient().Lists[0];
        return PatientEventJson.Write(new SourceListReplaced(new SourceList(list.Source with { Id = sourceId }, list.Entries)));
    }

    [Fact]
    public async Task ASiloStoppedAbruptly_ItsPatientsAnswerFromTheOther_WithNothingAcknowledgedLost()
    {
        var patients = Enumerable.Range(0, 32).Select(i => $"kill-{i}").ToList();
        var acknowledged = new Dictionary<string, long>();
        foreach (var patient in patients)
        {
            var grain = _cluster.Client.GetGrain<IPatientGrain>(patient);
            await grain.ApplyAsync(Sample("gp.json", "gp"));
            acknowledged[patient] = (await grain.ApplyAsync(Sample("dispensing.json", "dispensing"))).Sequence;
        }

        var before = new Dictionary<string, PatientGrainState>();
        foreach (var patient in patients)
        {
            before[patient] = (await _cluster.Client.GetGrain<IPatientGrain>(patient).GetAsync())!;
        }

        var victim = _cluster.SecondarySilos[0];
        var onVictim = patients.Where(p => before[p].Silo == victim.SiloAddress.ToString()).ToList();
        Assert.NotEmpty(onVictim);
        Assert.Single(before.Values.Select(s => s.RecordedRuleSetHash).Distinct());

        var killed = DateTime.UtcNow;
        await _cluster.KillSiloAsync(victim);
        foreach (var patient in patients)
        {
            var after = await AnswerAsync(patient, killed);
            Assert.Equal(acknowledged[patient], after.Sequence);
            Assert.Equal(before[patient].Events, after.Events);
            Assert.NotEqual(victim.SiloAddress.ToString(), after.Silo);
        }

        log.WriteLine($"{onVictim.Count} of {patients.Count} patients were on the stopped silo; all answered again within {(DateTime.UtcNow - killed).TotalSeconds:F1} s");
    }

    /// <summary>Asks until the cluster answers (it may take a moment to declare the silo dead), at most 30 s after the kill.</summary>
    private async Task<PatientGrainState> AnswerAsync(string patient, DateTime killed)
    {
        while (true)
        {
            try
            {
                return (await _cluster.Client.GetGrain<IPatientGrain>(patient).GetAsync().WaitAsync(TimeSpan.FromSeconds(5)))!;
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                Assert.True(DateTime.UtcNow - killed < TimeSpan.FromSeconds(30), $"patient {patient} did not answer within 30 s: {e.Message}");
            }
        }
    }

    private static IPatientService Node(SiloHandle silo) => ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IPatientService>();

    private static string Json(PatientEvaluation evaluation)
    {
        using var stream = new MemoryStream();
        new ReconciliationJsonWriter().Write(evaluation, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static SourceList List(string name, string sourceId)
    {
        var list = new SourceListJsonReader().Read(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, name)), name).SinglePatient().Lists[0];
        return new SourceList(list.Source with { Id = sourceId }, list.Entries);
    }

    [Fact]
    public async Task EveryNode_AnswersForEveryPatient_WithTheBatchList_AndRedeliveryChangesNothing()
    {
        var gp = List("gp.json", "gp");
        var facts = new PatientContext { Id = "someone-else", BirthDate = new DateOnly(1938, 5, 1) };
        var first = await Node(_cluster.Silos[0]).ReplaceSourceAsync("any", gp, facts, "gp-1");
        var again = await Node(_cluster.Silos[1]).ReplaceSourceAsync("any", gp, facts, "gp-1");

        Assert.Equal(["gp-1", "gp-1#patient"], first.StoredEventIds);
        Assert.True(again.IsRedelivery);
        Assert.Equal(first.Sequence, again.Sequence);
        Assert.NotEmpty(first.Lines.Added);
        Assert.Null(await Node(_cluster.Silos[1]).GetAsync("nobody"));
        var expected = Json(Runtime.Value.Evaluate([gp], facts with { Id = "any" }));
        foreach (var silo in _cluster.Silos)
        {
            var snapshot = (await Node(silo).GetAsync("any"))!;
            Assert.Equal(first.Sequence, snapshot.Sequence);
            Assert.Equal("any", snapshot.Patient!.Id);
            Assert.Equal(expected, Json(snapshot.Evaluation));
            Assert.True(snapshot.UsesRecordedRules);
        }
    }

    [Fact]
    public async Task ADecisionMadeThroughOneNode_IsTheConfirmedListOnEvery()
    {
        var gp = List("gp.json", "gp");
        await Node(_cluster.Silos[0]).ReplaceSourceAsync("decided", gp, null, null);
        var by = new Clinician("9144889", "lege");
        var at = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(1));
        var lines = (await Node(_cluster.Silos[0]).GetAsync("decided"))!.Evaluation.List.Lines;
        await Node(_cluster.Silos[1]).ApplyAsync("decided", [
            .. lines.Select(l => new IdentifiedPatientEvent(null, new LineDecided(l.Id, l.Id == "M01AE01" ? LineDecisionKind.Stop : LineDecisionKind.Accept, by, at, 2))),
            new IdentifiedPatientEvent(null, new ListConfirmed(by, at, 2))]);
        foreach (var silo in _cluster.Silos)
        {
            var confirmed = (await Node(silo).GetAsync("decided"))!.Confirmed!;
            Assert.Equal(ReconciliationStatus.Complete, confirmed.Status);
            Assert.Equal(LineDecisionKind.Stop, confirmed.Lines.Single(l => l.Line.Id == "M01AE01").Decision!.Kind);
        }
    }

    [Fact]
    public async Task AWatcherOnOneNode_GetsTheChangesMadeThroughAnother()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var changes = Node(_cluster.Silos[0]).WatchAsync("watched", stop.Token).GetAsyncEnumerator(stop.Token);
        var next = changes.MoveNextAsync().AsTask();
        await Task.Delay(500);
        var written = new List<PatientChange>
        {
            await Node(_cluster.Silos[1]).ApplyAsync("watched", [new(null, new SourceListReplaced(List("gp.json", "gp")))]),
            await Node(_cluster.Silos[1]).ApplyAsync("watched", [new(null, new SourceListReplaced(List("dispensing.json", "dispensing")))]),
        };

        var seen = new List<PatientChange>();
        while (seen.Count < written.Count && await next)
        {
            seen.Add(changes.Current);
            next = changes.MoveNextAsync().AsTask();
        }

        Assert.Equal(written.Select(c => c.Sequence), seen.Select(c => c.Sequence));
        Assert.Equal(written[1].Lines, seen[1].Lines, new ChangedIdsComparer());
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await changes.DisposeAsync();
    }

    [Fact]
    public async Task AnEventNamingAnUnknownEntry_IsRejectedAcrossTheCluster_AndNothingIsStored()
    {
        var error = await Assert.ThrowsAsync<PatientEventRejectedException>(() => Node(_cluster.Silos[0]).ApplyAsync("rejected", [new(null, new EntryRemoved("gp", "no-such-entry"))]));
        Assert.Contains("No source 'gp'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Store.Value.ReadAsync("rejected"));
    }

    private sealed class ChangedIdsComparer : IEqualityComparer<ChangedIds>
    {
        public bool Equals(ChangedIds? x, ChangedIds? y) => x!.Added.SequenceEqual(y!.Added) && x.Changed.SequenceEqual(y.Changed) && x.Removed.SequenceEqual(y.Removed);

        public int GetHashCode(ChangedIds obj) => obj.Added.Count;
    }
}
