using System.Text.Json.Nodes;
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

        var before = new Dictionary<string, PatientGrainSnapshot>();
        foreach (var patient in patients)
        {
            before[patient] = (await _cluster.Client.GetGrain<IPatientGrain>(patient).GetAsync())!;
        }

        var victim = _cluster.SecondarySilos[0];
        var onVictim = patients.Where(p => before[p].Silo == victim.SiloAddress.ToString()).ToList();
        Assert.NotEmpty(onVictim);
        Assert.Single(before.Values.Select(s => s.RuleSetHash).Distinct());

        var killed = DateTime.UtcNow;
        await _cluster.KillSiloAsync(victim);
        foreach (var patient in patients)
        {
            var after = await AnswerAsync(patient, killed);
            Assert.Equal(acknowledged[patient], after.Sequence);
            Assert.Equal(before[patient].Evaluation, after.Evaluation);
            Assert.NotEqual(victim.SiloAddress.ToString(), after.Silo);
        }

        log.WriteLine($"{onVictim.Count} of {patients.Count} patients were on the stopped silo; all answered again within {(DateTime.UtcNow - killed).TotalSeconds:F1} s");
    }

    /// <summary>Asks until the cluster answers (it may take a moment to declare the silo dead), at most 30 s after the kill.</summary>
    private async Task<PatientGrainSnapshot> AnswerAsync(string patient, DateTime killed)
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

    [Fact]
    public async Task EverySilo_AnswersForEveryPatient_AndRedeliveryChangesNothing()
    {
        var grain = _cluster.Client.GetGrain<IPatientGrain>("any");
        var gp = JsonNode.Parse(Sample("gp.json", "gp"))!.AsObject();
        gp["eventId"] = "gp-1";
        var first = await grain.ApplyAsync(gp.ToJsonString());
        var again = await grain.ApplyAsync(gp.ToJsonString());
        Assert.Equal(["gp-1"], first.Stored);
        Assert.Empty(again.Stored);
        Assert.Equal(first.Sequence, again.Sequence);
        Assert.NotEmpty(first.Lines.Added);
        Assert.Null(await _cluster.Client.GetGrain<IPatientGrain>("nobody").GetAsync());

        foreach (var silo in _cluster.Silos)
        {
            var factory = ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<IGrainFactory>();
            var snapshot = await factory.GetGrain<IPatientGrain>("any").GetAsync();
            Assert.Equal(first.Sequence, snapshot!.Sequence);
        }
    }
}
