using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MedEngine.Serialization;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Cli.Tests;

/// <summary>
/// Two <c>medengine serve --postgres … --cluster</c> processes on 127.0.0.1 over one PostgreSQL database: any node answers for
/// any patient, a screen on one node sees the changes written through the other, and when one node is killed with SIGKILL
/// its patients answer from the other within 30 s with every acknowledged write.
/// </summary>
public sealed class ClusterServeTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly List<Process> _nodes = [];
    private string _database = null!;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }

        var name = "cluster_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(await PostgresServer.Shared))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        _database = new NpgsqlConnectionStringBuilder(await PostgresServer.Shared) { Database = name }.ConnectionString;
    }

    public Task DisposeAsync()
    {
        foreach (var node in _nodes.Where(n => !n.HasExited))
        {
            node.Kill();
            node.WaitForExit();
        }

        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a node and waits until its HTTP side answers.</summary>
    private async Task<(Process Node, HttpClient Client)> StartAsync(string name)
    {
        var port = FreePort();
        var cli = Path.Combine(AppContext.BaseDirectory, "MedEngine.Cli.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "serve", "--urls", $"http://127.0.0.1:{port}", "--postgres", _database, "--cluster",
            "--silo-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--gateway-port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--rules", RepositoryPaths.Rules])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var node = Process.Start(start)!;
        _nodes.Add(node);
        node.OutputDataReceived += (_, e) => { };
        node.ErrorDataReceived += (_, e) => { };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            Assert.False(node.HasExited, $"node {name} exited with {(node.HasExited ? node.ExitCode : 0)}");
            try
            {
                using var response = await client.GetAsync("/cds-services");
                if (response.IsSuccessStatusCode)
                {
                    return (node, client);
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"node {name} did not answer within 60 s.");
    }

    private static string Body(string sample)
    {
        var list = new SourceListJsonReader().Read(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, sample)), sample).SinglePatient().Lists[0];
        return JsonNode.Parse(PatientEventJson.Write(new Reconciliation.SourceListReplaced(list)))!["list"]!.ToJsonString();
    }

    private static async Task<long> PutAsync(HttpClient client, string patient, string source, string sample)
    {
        using var response = await client.PutAsync($"/patients/{patient}/sources/{source}", new StringContent(Body(sample), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT {patient}/{source}: {(int)response.StatusCode} {body}");
        return (long)JsonNode.Parse(body)!["sequence"]!;
    }

    [PostgresFact]
    public async Task AnyNodeAnswersForAnyPatient_AScreenFollowsWritesThroughTheOther_AndAKilledNodesPatientsAnswerAgain()
    {
        var (first, a) = await StartAsync("a");
        var (_, b) = await StartAsync("b");
        using (a)
        using (b)
        {
            // A screen on node b follows a patient written through node a.
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            using var watch = new HttpClient { BaseAddress = b.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
            using var stream = await watch.GetAsync("/patients/watched/changes", HttpCompletionOption.ResponseHeadersRead, stop.Token);
            using var events = new StreamReader(await stream.Content.ReadAsStreamAsync(stop.Token));
            Assert.StartsWith(": watching", await events.ReadLineAsync(stop.Token), StringComparison.Ordinal);
            await Task.Delay(1000); // the watch registers with the patient's grain
            var written = await PutAsync(a, "watched", "gp", "gp.json");
            string? line;
            while ((line = await events.ReadLineAsync(stop.Token)) is not null && !line.StartsWith("id: ", StringComparison.Ordinal))
            {
            }

            Assert.Equal($"id: {written}", line);

            // Patients written through a, read through b; then a is killed and every patient answers from b.
            var patients = Enumerable.Range(0, 16).Select(i => $"p-{i}").ToList();
            var acknowledged = new Dictionary<string, long>();
            foreach (var patient in patients)
            {
                await PutAsync(a, patient, "gp", "gp.json");
                acknowledged[patient] = await PutAsync(a, patient, "dispensing", "dispensing.json");
            }

            var lists = new Dictionary<string, string>();
            foreach (var patient in patients)
            {
                var list = JsonNode.Parse(await b.GetStringAsync($"/patients/{patient}/list"))!;
                Assert.Equal(acknowledged[patient], (long)list["sequence"]!);
                lists[patient] = list["lines"]!.ToJsonString();
            }

            first.Kill();
            await first.WaitForExitAsync();
            var killed = Stopwatch.StartNew();
            foreach (var patient in patients)
            {
                while (true)
                {
                    Assert.True(killed.Elapsed < TimeSpan.FromSeconds(30), $"patient {patient} did not answer from node b within 30 s");
                    try
                    {
                        using var response = await b.GetAsync($"/patients/{patient}/list");
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                            Assert.Equal(acknowledged[patient], (long)list["sequence"]!);
                            Assert.Equal(lists[patient], list["lines"]!.ToJsonString());
                            break;
                        }
                    }
                    catch (TaskCanceledException)
                    {
                    }

                    await Task.Delay(200);
                }
            }

            log.WriteLine($"after node a was killed, all {patients.Count} patients answered from node b within {killed.Elapsed.TotalSeconds:F1} s");
            Assert.Equal(acknowledged["p-0"] + 1, await PutAsync(b, "p-0", "home-care", "home-care.json"));
        }

        // Every silo advertised 127.0.0.1 (the nodes listen on loopback only).
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var silos = new NpgsqlCommand("SELECT silo FROM medengine_cluster_silo", connection);
        await using var reader = await silos.ExecuteReaderAsync();
        var addresses = new List<string>();
        while (await reader.ReadAsync())
        {
            addresses.Add(reader.GetString(0));
        }

        Assert.Equal(2, addresses.Count);
        Assert.All(addresses, address => Assert.StartsWith("127.0.0.1:", address, StringComparison.Ordinal));
    }
}
