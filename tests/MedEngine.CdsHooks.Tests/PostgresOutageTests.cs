using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MedEngine.Persistence;
using MedEngine.Persistence.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.CdsHooks.Tests;

/// <summary>
/// The patient API over a real PostgreSQL server that is stopped at once (immediate shutdown) while writes stream in: the
/// service answers 503 with Retry-After, loses nothing it acknowledged, and serves again when the database is back.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper log)
{
    private static string Body(int i)
    {
        var gp = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "gp.json")))!.AsObject();
        var entries = gp["entries"]!.AsArray();
        while (entries.Count > 1 + (i % 8))
        {
            entries.RemoveAt(entries.Count - 1);
        }

        gp.Remove("patient");
        return gp.ToJsonString();
    }

    [PostgresFact]
    public async Task ADatabaseOutage_Answers503_LosesNothingAcknowledged_AndServiceResumes()
    {
        await using var database = await PostgresServer.StartAsync();
        var store = await PostgreSqlPatientEventStore.OpenAsync(database.ConnectionString + ";Timeout=3;Command Timeout=5");
        await using var host = await ServiceHost.StartAsync(services: s => s.AddSingleton<IPatientEventStore>(store));
        var acknowledged = new List<string>();
        var unavailable = 0;
        var retryAfter = true;
        var phase = "before";
        var next = 0;

        async Task WriteAsync()
        {
            var i = ++next;
            using var request = new HttpRequestMessage(HttpMethod.Put, "/patients/outage/sources/gp") { Content = new StringContent(Body(i), Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", $"w{i}");
            using var response = await host.Client.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                acknowledged.Add($"w{i}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotEqual("before", phase);
                unavailable++;
                retryAfter &= response.Headers.RetryAfter is not null;
            }
        }

        for (var i = 0; i < 20; i++)
        {
            await WriteAsync();
        }

        phase = "down";
        await database.KillAsync();
        for (var i = 0; i < 5; i++)
        {
            await WriteAsync();
        }

        Assert.Equal(5, unavailable);
        phase = "back";
        await database.RestartAsync();
        var resumed = DateTime.UtcNow;
        var before = acknowledged.Count;
        while (acknowledged.Count < before + 10)
        {
            Assert.True(DateTime.UtcNow - resumed < TimeSpan.FromSeconds(30), "the service did not resume within 30 s of the database");
            await WriteAsync();
        }

        log.WriteLine($"{next} writes, {acknowledged.Count} acknowledged, {unavailable} answered 503");
        Assert.True(retryAfter, "a 503 came without Retry-After");
        var logged = (await store.ReadAsync("outage")).Where(e => e.Type == "sourceListReplaced").Select(e => e.EventId).ToHashSet();
        Assert.All(acknowledged, id => Assert.Contains(id, logged));
        var list = JsonNode.Parse(await host.Client.GetStringAsync("/patients/outage/list"))!;
        Assert.Equal((await store.ReadAsync("outage"))[^1].Sequence, (long)list["sequence"]!);
        var last = logged.Select(id => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)).Max();
        var expected = host.Services.GetRequiredService<MedEngineRuntime>().Evaluate(
            new Serialization.SourceListJsonReader().Read(Body(last), "gp").SinglePatient().Lists.Select(l => new Model.SourceList(l.Source with { Id = "gp" }, l.Entries)));
        Assert.Equal(expected.List.Lines.Select(l => l.Id), list["lines"]!.AsArray().Select(l => (string)l!["id"]!));
        await store.DisposeAsync();
    }
}
