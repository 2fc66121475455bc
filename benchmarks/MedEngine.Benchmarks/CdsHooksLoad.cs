using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MedEngine.CdsHooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MedEngine.Benchmarks;

/// <summary>
/// <c>-- cdshooks [--requests N] [--seconds S]</c>: CDS Hooks latency on loopback. Starts the real service as a host does
/// (<c>AddMedEngineCdsHooks</c> and <c>MapMedEngineCdsHooks</c> on Kestrel at http://127.0.0.1:0, the full rule library of
/// <c>rules/</c>, the shipped knowledge base, the default SQLite event store in a temporary folder with the audit trail in it,
/// anonymous calls on loopback), then sends order-select POSTs from HttpClient workers: a patient with 20 medications
/// (14 MedicationRequests, 6 patient-reported MedicationStatements, from the benchmark workload's Norwegian products) and one
/// selected draft order that interacts with them. After a warm-up, each concurrency (1, 4, 16) runs until N requests or S
/// seconds, whichever comes first, twice: every call for the same patient, and every call for a new patient. A non-200 answer
/// or an answer without cards is an error and ends the run with exit code 1. <c>--profile</c> adds <see cref="CdsHooksProfile"/>.
/// <para>
/// Every call is a fresh evaluation: the service opens a new session per call (<c>CdsHooksEvaluator</c>), it keeps no warm
/// session between calls. What differs between the two patient modes is the service's patient lookup (a new patient is
/// loaded from the store on first use and then held) and the audit trail (the same patient's log grows by one evaluation per call).
/// </para>
/// </summary>
internal static class CdsHooksLoad
{
    private const string ServicePath = "/cds-services/medengine-order-select";
    private static readonly int[] Concurrencies = [1, 4, 16];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var requests = 2_000;
        var seconds = 4.0;
        var profile = false;
        for (var i = 0; i < args.Length; i++)
        {
            var ok = args[i] == "--profile" ? profile = true : i + 1 < args.Length && args[i] switch
            {
                "--requests" => int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out requests) && requests > 0,
                "--seconds" => double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds > 0,
                _ => false,
            };
            if (!ok)
            {
                Console.Error.WriteLine("usage: cdshooks [--requests N] [--seconds S] [--profile]   (N > 0 requests and S > 0 seconds per concurrency level, whichever comes first; --profile: where one call's time goes)");
                return 2;
            }
        }

        var folder = Path.Combine(Path.GetTempPath(), $"medengine-cdshooks-load-{Guid.NewGuid():N}");
        var serverTimes = new ConcurrentQueue<double>();
        await using var app = await StartServiceAsync(Path.Combine(folder, "events.db"), serverTimes);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
            var body = RequestTemplate();
            output.WriteLine($"CDS Hooks order-select on {client.BaseAddress}: 20 medications + 1 selected draft order, full rule library ({Path.Combine(Workload.Root, "rules")}), SQLite store and audit trail in {folder}.");
            output.WriteLine($"Client and server share this machine's {Environment.ProcessorCount} cores (one process: the HttpClient workers take CPU from the service); {LoadAverage()}.");
            output.WriteLine($"Each service call is a fresh evaluation (a new session per call; the service keeps no warm session between calls).");

            // Long enough for tiered compilation to reach its optimized code: with a 3 s warm-up on a busy machine the first
            // levels still ran partly unoptimized code (twice the CPU per request of a run with tiered compilation off).
            var warmUp = await RunLevelAsync(client, body, concurrency: 4, Math.Min(requests, 1_000), 10, samePatient: false, "warm");
            output.WriteLine($"Warm-up: {warmUp.Latencies.Length} requests in {warmUp.Seconds:0.0} s, {warmUp.Cards} cards in the first answer.");
            output.WriteLine();
            output.WriteLine($"Each level runs until {requests} requests or {seconds:0.#} s, whichever comes first. CPU ms/req: this process's CPU time (client and server) per request, which other load on the machine does not inflate as it does latency; KB/req: bytes allocated per request (client and server); gen2 GCs: full collections during the level.");
            output.WriteLine("| patients | concurrency | requests | seconds | req/s | CPU ms/req | KB/req | gen2 GCs | p50 ms | p90 ms | p99 ms | max ms | errors |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var failed = warmUp.Failure is not null;
            var targets = new List<string>();
            foreach (var samePatient in new[] { true, false })
            {
                foreach (var concurrency in Concurrencies)
                {
                    if (failed)
                    {
                        break;
                    }

                    var level = await RunLevelAsync(client, body, concurrency, requests, seconds, samePatient, $"c{concurrency}");
                    var patients = samePatient ? "same" : "distinct";
                    output.WriteLine(level.Row(patients, concurrency));
                    if (concurrency == 1)
                    {
                        targets.Add(string.Create(CultureInfo.InvariantCulture, $"{patients} {(samePatient ? "patient" : "patients")} {level.Percentile(0.99):0.00} ms ({(level.Percentile(0.99) <= 5 ? "met" : "missed")})"));
                    }

                    failed = level.Failure is not null;
                    if (failed)
                    {
                        Console.Error.WriteLine($"cdshooks: FAILED with {patients} patients at concurrency {concurrency}: {level.Errors} error(s), the first: {level.Failure}");
                    }
                }
            }

            output.WriteLine($"Target p99 <= 5 ms at concurrency 1: {string.Join("; ", targets)}.");
            if (warmUp.Failure is not null)
            {
                Console.Error.WriteLine($"cdshooks: FAILED in the warm-up: {warmUp.Errors} error(s), the first: {warmUp.Failure}");
            }

            if (profile && !failed)
            {
                await CdsHooksProfile.ReportAsync(app.Services, serverTimes, client, body, ServicePath, Math.Min(requests, 500), output);
            }

            output.WriteLine($"At the end: {LoadAverage()}.");
            return failed ? 1 : 0;
        }
        finally
        {
            await app.StopAsync();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is not worth failing a finished run for.
            }
        }
    }

    /// <summary>The machine's load average (Linux), which says how much of the cores other work took during the run.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"load average {string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} (1 / 5 / 15 min)" : "load average unknown";

    /// <summary>
    /// The service as <c>samples/CdsHooksHost</c> and the service tests start it, without log output (no console logger), and
    /// one middleware that puts each request's time inside the server (body in to answer written, ms) in <paramref name="serverTimes"/>.
    /// </summary>
    private static async Task<WebApplication> StartServiceAsync(string storePath, ConcurrentQueue<double> serverTimes)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMedEngineCdsHooks(options =>
        {
            options.RulesDirectory = Path.Combine(Workload.Root, "rules");
            options.EventStorePath = storePath;
            options.AllowAnonymousOnLoopback = true;
        });
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var before = Stopwatch.GetTimestamp();
            await next(context);
            serverTimes.Enqueue(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
        });
        app.MapMedEngineCdsHooks();
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// The request as JSON text with <c>{PATIENT}</c> and <c>{HOOK}</c> to fill in per call: the workload's first 20 products
    /// (warfarin, simvastatin, digoxin among them) and a draft of clarithromycin, which interacts with them.
    /// </summary>
    private static string RequestTemplate()
    {
        var entries = Workload.PatientWithLines(20).Entries;
        JsonObject Order(string id, string status, string name, string dosage) => new()
        {
            ["resourceType"] = "MedicationRequest",
            ["id"] = id,
            ["status"] = status,
            ["intent"] = "order",
            ["subject"] = new JsonObject { ["reference"] = "Patient/{PATIENT}" },
            ["medicationCodeableConcept"] = new JsonObject { ["text"] = name },
            ["dosageInstruction"] = new JsonArray(new JsonObject { ["text"] = dosage }),
        };
        JsonObject Statement(string id, string name, string dosage) => new()
        {
            ["resourceType"] = "MedicationStatement",
            ["id"] = id,
            ["status"] = "active",
            ["subject"] = new JsonObject { ["reference"] = "Patient/{PATIENT}" },
            ["informationSource"] = new JsonObject { ["reference"] = "Patient/{PATIENT}" },
            ["medicationCodeableConcept"] = new JsonObject { ["text"] = name },
            ["dosage"] = new JsonArray(new JsonObject { ["text"] = dosage }),
        };
        JsonObject Bundle(IEnumerable<JsonObject> resources) => new()
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r })]),
        };
        var request = new JsonObject
        {
            ["hook"] = "order-select",
            ["hookInstance"] = "{HOOK}",
            ["context"] = new JsonObject
            {
                ["userId"] = "Practitioner/lege-1",
                ["patientId"] = "{PATIENT}",
                ["selections"] = new JsonArray("MedicationRequest/draft-1"),
                ["draftOrders"] = Bundle([Order("draft-1", "draft", "Klacid 500 mg tablett", "1x2")]),
            },
            ["prefetch"] = new JsonObject
            {
                ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = "{PATIENT}", ["birthDate"] = "1938-03-14", ["gender"] = "female" },
                ["medicationRequests"] = Bundle(entries.Take(14).Select(e => Order("rx-" + e.EntryId, "active", e.Name!, e.DosageText!))),
                ["medicationStatements"] = Bundle(entries.Skip(14).Select(e => Statement("ms-" + e.EntryId, e.Name!, e.DosageText!))),
            },
        };
        return request.ToJsonString();
    }

    /// <summary>
    /// Runs <paramref name="concurrency"/> workers until <paramref name="requests"/> calls were sent or <paramref name="seconds"/>
    /// passed. Each call's latency is from before <c>SendAsync</c> to the last byte of the answer read.
    /// </summary>
    private static async Task<Level> RunLevelAsync(HttpClient client, string template, int concurrency, int requests, double seconds, bool samePatient, string label)
    {
        var issued = 0;
        var errors = 0;
        var firstCards = -1;
        string? failure = null;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var gen2Before = GC.CollectionCount(2);
        var samePatientId = $"load-{label}-same";

        async Task<List<double>> Worker()
        {
            var latencies = new List<double>(Math.Min(requests, 100_000));
            int n;
            while (Stopwatch.GetTimestamp() < deadline && (n = Interlocked.Increment(ref issued)) <= requests)
            {
                var patient = samePatient ? samePatientId : $"load-{label}-{n}";
                var json = template.Replace("{PATIENT}", patient, StringComparison.Ordinal).Replace("{HOOK}", Guid.NewGuid().ToString("D"), StringComparison.Ordinal);
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                var before = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync(ServicePath, content);
                var answer = await response.Content.ReadAsByteArrayAsync();
                latencies.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);

                var problem = Check((int)response.StatusCode, answer, out var cards);
                Interlocked.CompareExchange(ref firstCards, cards, -1);
                if (problem is not null)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref failure, $"request {n} (patient {patient}): {problem}", null);
                }
            }

            return latencies;
        }

        var results = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var gen2 = GC.CollectionCount(2) - gen2Before;
        var all = results.SelectMany(r => r).Order().ToArray();
        return new Level(all, elapsed, cpu, allocated, gen2, errors, failure, firstCards);
    }

    /// <summary>What is wrong with an answer (not 200, not JSON, no cards), or <see langword="null"/>.</summary>
    private static string? Check(int status, byte[] answer, out int cards)
    {
        cards = 0;
        var text = Encoding.UTF8.GetString(answer);
        if (status != 200)
        {
            return $"HTTP {status}: {text[..Math.Min(text.Length, 300)]}";
        }

        try
        {
            using var document = JsonDocument.Parse(answer);
            cards = document.RootElement.TryGetProperty("cards", out var array) && array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : 0;
            return cards > 0 ? null : $"no cards where the clarithromycin draft must give some: {text[..Math.Min(text.Length, 300)]}";
        }
        catch (JsonException e)
        {
            return $"not JSON ({e.Message}): {text[..Math.Min(text.Length, 300)]}";
        }
    }

    /// <summary>One concurrency level: every latency (ms, sorted), the wall time, the errors and the number of cards of an answer.</summary>
    private sealed record Level(double[] Latencies, double Seconds, double CpuMs, long Allocated, int Gen2, int Errors, string? Failure, int Cards)
    {
        public string Row(string patients, int concurrency) => string.Create(
            CultureInfo.InvariantCulture,
            $"| {patients} | {concurrency} | {Latencies.Length} | {Seconds:0.00} | {Latencies.Length / Seconds:0} | {CpuMs / Math.Max(1, Latencies.Length):0.00} | {Allocated / 1024.0 / Math.Max(1, Latencies.Length):0} | {Gen2} | {Percentile(0.50):0.00} | {Percentile(0.90):0.00} | {Percentile(0.99):0.00} | {(Latencies.Length == 0 ? 0 : Latencies[^1]):0.00} | {Errors} |");

        /// <summary>The nearest-rank percentile.</summary>
        public double Percentile(double p) => Latencies.Length == 0 ? 0 : Latencies[Math.Max(0, (int)Math.Ceiling(p * Latencies.Length) - 1)];
    }
}
