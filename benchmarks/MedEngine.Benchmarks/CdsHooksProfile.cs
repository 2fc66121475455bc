using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MedEngine.CdsHooks.Audit;
using MedEngine.Findings;
using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Persistence;
using MedEngine.Reconciliation;
using Microsoft.Extensions.DependencyInjection;

namespace MedEngine.Benchmarks;

/// <summary>
/// <c>-- cdshooks --profile</c>: where one order-select call's time goes, one call at a time. Times the whole HTTP call, then
/// each step the service takes for it, redone in process through the same service's public parts (its runtime, patient
/// service and audit trail): reading the JSON body, mapping the FHIR resources to source lists, the patient lookup, the
/// overrides lookup, the engine (a fresh session: reconcile + the full library + the interrupting findings) and the durable
/// audit append. A middleware gives the time inside the server, so the whole splits into the HTTP round trip outside it and,
/// inside it, these steps and the rest (routing, request checks, building the cards, writing the answer): the server time minus
/// the sum of the steps' medians.
/// </summary>
internal static class CdsHooksProfile
{
    public static async Task ReportAsync(IServiceProvider services, ConcurrentQueue<double> serverTimes, HttpClient client, string template, string path, int iterations, TextWriter output)
    {
        var runtime = services.GetRequiredService<MedEngineRuntime>();
        var patients = services.GetRequiredService<IPatientService>();
        var audit = services.GetRequiredService<IAuditTrail>();
        const string patientId = "profile-patient";
        var json = template.Replace("{PATIENT}", patientId, StringComparison.Ordinal).Replace("{HOOK}", "profile", StringComparison.Ordinal);
        var body = Encoding.UTF8.GetBytes(json);
        var request = JsonNode.Parse(body)!.AsObject();
        var reader = new FhirInputReader();
        var bundles = new (JsonObject Bundle, string Stem, SourceKind? Kind)[]
        {
            (request["context"]!["draftOrders"]!.AsObject(), "draft-orders", SourceKind.Prescriptions),
            (request["prefetch"]!["medicationRequests"]!.AsObject(), "medicationRequests", null),
            (request["prefetch"]!["medicationStatements"]!.AsObject(), "medicationStatements", null),
            (request["prefetch"]!["patient"]!.AsObject(), "patient", null),
        };
        var read = bundles.Select(b => reader.Read(b.Bundle.ToJsonString(), b.Stem + ".json", b.Kind)).ToList();
        var lists = read.SelectMany(r => r.Patients).SelectMany(p => p.Lists).ToList();
        var patient = PatientContexts.Merge(read.SelectMany(r => r.Patients).Select(p => p.Patient));
        var filter = new FindingFilter { MinimumSeverity = Severity.Caution };
        var findings = Engine();

        IReadOnlyList<Finding> Engine()
        {
            var session = runtime.OpenSession(patient);
            session.ApplyAll(lists.Select(list => new SourceListReplaced(list)));
            _ = session.Interrupting(filter, "");
            return session.Findings;
        }

        // As the service records a call: every finding, each with a card uuid of its own (a key of the store, unique).
        AuditEvaluation Evaluation() => new(
            Guid.NewGuid().ToString("D"), "medengine-order-select", "order-select", patientId, "", "Practitioner/lege-1", null, TimeProvider.System.GetUtcNow(),
            [.. findings.Select(f => new AuditFinding(f.Key, f.RuleId, f.RuleVersion, f.Severity, FindingDisposition.Card, Guid.NewGuid().ToString("D"), f.Title.En))]);

        output.WriteLine();
        output.WriteLine($"Where one call's time goes ({iterations} times each, one at a time; {lists.Sum(l => l.Entries.Count)} entries in {lists.Count} lists, {findings.Count} findings):");
        output.WriteLine("| step | p50 ms | p99 ms |");
        output.WriteLine("|---|---:|---:|");
        var whole = await TimeAsync("whole HTTP call (same patient)", async () =>
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(path, content);
            _ = await response.Content.ReadAsByteArrayAsync();
        });
        var server = serverTimes.TakeLast(iterations).Order().ToArray();
        var serverP50 = server[(int)Math.Ceiling(0.50 * server.Length) - 1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| of it inside the server (middleware: body in to answer written) | {serverP50:0.00} | {server[(int)Math.Ceiling(0.99 * server.Length) - 1]:0.00} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| of it outside (HttpClient, loopback, Kestrel, both sides' scheduling: whole - server p50s) | {whole - serverP50:0.00} | |"));
        var parts = new List<double>
        {
            await TimeAsync("read the JSON body (JsonNode.Parse)", () => { _ = JsonNode.Parse(body); return Task.CompletedTask; }),
            await TimeAsync("FHIR to source lists (FhirInputReader, 4 resources)", () => { _ = bundles.Select(b => reader.Read(b.Bundle.ToJsonString(), b.Stem + ".json", b.Kind)).ToList(); return Task.CompletedTask; }),
            await TimeAsync("patient lookup (IPatientService.GetAsync)", () => patients.GetAsync(patientId)),
            await TimeAsync("overrides lookup (IAuditTrail.OverridesAsync)", () => audit.OverridesAsync(patientId)),
            await TimeAsync("engine: fresh session, reconcile + full library", () => { _ = Engine(); return Task.CompletedTask; }),
            await TimeAsync("audit append, durable (IAuditTrail.RecordEvaluationAsync)", () => audit.RecordEvaluationAsync(Evaluation())),
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the rest inside the server: routing, request checks, cards, the answer's JSON (server - sum of the steps' p50s) | {serverP50 - parts.Sum():0.00} | |"));

        async Task<double> TimeAsync(string step, Func<Task> action)
        {
            for (var i = 0; i < Math.Min(iterations, 20); i++)
            {
                await action();
            }

            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var before = Stopwatch.GetTimestamp();
                await action();
                times[i] = Stopwatch.GetElapsedTime(before).TotalMilliseconds;
            }

            Array.Sort(times);
            var p50 = times[(int)Math.Ceiling(0.50 * iterations) - 1];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {p50:0.00} | {times[(int)Math.Ceiling(0.99 * iterations) - 1]:0.00} |"));
            return p50;
        }
    }
}
