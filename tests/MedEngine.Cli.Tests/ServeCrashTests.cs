using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MedEngine.Model;
using MedEngine.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace MedEngine.Cli.Tests;

/// <summary>
/// <c>medengine serve</c> as a real process on 127.0.0.1, killed with SIGKILL while writes stream in: after each restart every
/// acknowledged write is in the log, and the list equals a batch reconciliation of the lists the log holds.
/// </summary>
public sealed class ServeCrashTests(ITestOutputHelper log) : IDisposable
{
    private const int Rounds = 20;
    private static readonly string[] Sources = ["gp", "home-care", "dispensing"];
    private readonly string _directory = Directory.CreateTempSubdirectory("medengine-crash-").FullName;

    private readonly List<int> _servers = [];

    public void Dispose()
    {
        // A server a failed assertion left running is stopped here, so no test leaves a process behind.
        foreach (var id in _servers)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // it has exited
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Write number <paramref name="i"/>: the sample list of a source (without its patient facts) with a share of its entries that differs per write.</summary>
    private static (string Source, SourceList List) Write(int i)
    {
        var source = Sources[i % Sources.Length];
        var sample = new SourceListJsonReader().Read(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, source + ".json")), source).SinglePatient().Lists[0];
        var entries = sample.Entries.Take(1 + (i % sample.Entries.Count)).ToList();
        return (source, new SourceList(sample.Source with { Id = source }, entries));
    }

    private static string Body(SourceList list) => PatientEventJson.Write(new Reconciliation.SourceListReplaced(list)) is var json
        ? JsonNode.Parse(json)!["list"]!.ToJsonString()
        : "";

    private Process Start(string store, int port)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "MedEngine.Cli.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "serve", "--urls", $"http://127.0.0.1:{port}", "--store", store, "--rules", RepositoryPaths.Rules])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        _servers.Add(process.Id);
        return process;
    }

    private static async Task WaitReadyAsync(HttpClient client)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var response = await client.GetAsync("/cds-services");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("medengine serve did not answer within 30 s.");
    }

    private static int Count(Dictionary<string, int> acknowledged)
    {
        lock (acknowledged)
        {
            return acknowledged.Count;
        }
    }

    [Fact]
    public async Task KilledWhileWritesStreamIn_LosesNoAcknowledgedWrite()
    {
        var store = Path.Combine(_directory, "events.db");
        var port = FreePort();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var acknowledged = new Dictionary<string, int>(StringComparer.Ordinal); // event id -> write number
        var random = new Random(20261203);
        var next = 0;
        for (var round = 0; round < Rounds; round++)
        {
            using var server = Start(store, port);
            await WaitReadyAsync(client);
            using var writing = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                while (!writing.IsCancellationRequested)
                {
                    var i = Interlocked.Increment(ref next);
                    var (source, list) = Write(i);
                    using var request = new HttpRequestMessage(HttpMethod.Put, $"/patients/crash/sources/{source}")
                    {
                        Content = new StringContent(Body(list), Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Add("Idempotency-Key", $"w{i}");
                    try
                    {
                        using var response = await client.SendAsync(request);
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            lock (acknowledged)
                            {
                                acknowledged[$"w{i}"] = i;
                            }
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return; // the server is gone
                    }
                }
            });
            // At least one write of this round is acknowledged before the kill (on a loaded machine the first ones are slow),
            // then the kill comes at a random moment while writes stream in.
            var before = Count(acknowledged);
            for (var waited = 0; Count(acknowledged) == before && waited < 200 && !writer.IsCompleted; waited++)
            {
                await Task.Delay(50);
            }

            await Task.Delay(random.Next(150, 600));
            server.Kill(); // SIGKILL
            await server.WaitForExitAsync();
            writing.Cancel();
            await writer;
        }

        using (var server = Start(store, port))
        {
            await WaitReadyAsync(client);
            var logged = JsonNode.Parse(await client.GetStringAsync("/patients/crash/events"))!["events"]!.AsArray()
                .Select(e => (string)e!["eventId"]!).ToHashSet(StringComparer.Ordinal);
            var lost = acknowledged.Keys.Where(id => !logged.Contains(id)).ToList();
            log.WriteLine($"{Rounds} rounds, {next} writes sent, {acknowledged.Count} acknowledged, {logged.Count} in the log, {lost.Count} acknowledged but missing");
            Assert.Empty(lost);
            Assert.True(acknowledged.Count >= Rounds, $"only {acknowledged.Count} writes were acknowledged in {Rounds} rounds");

            // The list is the batch of the last list each source has in the log (a write the server made durable but could not
            // acknowledge before it died may be there too, never an older one than the last acknowledged).
            var lastLogged = logged.Select(id => int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture))
                .GroupBy(i => Write(i).Source).ToDictionary(g => g.Key, g => g.Max());
            foreach (var (source, last) in lastLogged)
            {
                Assert.True(last >= acknowledged.Values.Where(i => Write(i).Source == source).DefaultIfEmpty(0).Max());
            }

            var list = JsonNode.Parse(await client.GetStringAsync("/patients/crash/list"))!.AsObject();
            var batch = new MedEngineBuilder().UseRulesDirectory(RepositoryPaths.Rules).Build()
                .Evaluate(lastLogged.Values.Select(i => Write(i).List));
            using var expected = new MemoryStream();
            new ReconciliationJsonWriter().Write(batch, expected);
            var expectedJson = JsonNode.Parse(expected.ToArray())!;
            Assert.Equal(expectedJson["lines"]!.ToJsonString(), list["lines"]!.ToJsonString());
            Assert.Equal(expectedJson["findings"]!.ToJsonString(), list["findings"]!.ToJsonString());
            server.Kill();
            await server.WaitForExitAsync();
        }

        var (code, output, error) = await ReplayAsync("replay", "--store", store, "--patient", "crash", "--at", "1", "--json", "--rules", RepositoryPaths.Rules);
        Assert.Equal(0, code);
        Assert.Contains("at sequence 1; rules sha256:", error, StringComparison.Ordinal);
        Assert.Contains("(as recorded)", error, StringComparison.Ordinal);
        Assert.NotEmpty(JsonNode.Parse(output)!["lines"]!.AsArray());
    }

    private static async Task<(int Code, string Output, string Error)> ReplayAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
