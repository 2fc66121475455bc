using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MedEngine.CdsHooks;
using MedEngine.Model;
using MedEngine.Serialization;

// A CDS Hooks service on a free loopback port with the shipped knowledge and rules, as a web host would run it. With
// --self-test GP-LIST (as CI runs it, with data/samples/gp.json) it sends one order-select request about that GP list plus a
// drafted NSAID, prints the cards and stops.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddMedEngineCdsHooks(options =>
{
    options.AllowAnonymousOnLoopback = true; // a sample on 127.0.0.1: production hosts configure TrustedClients
    options.EventStorePath = Path.Combine(Path.GetTempPath(), $"cds-host-events-{Guid.NewGuid():N}.db"); // lists and audit
});
var app = builder.Build();
app.MapMedEngineCdsHooks();
await app.StartAsync();
var address = app.Urls.First();
Console.WriteLine($"CDS Hooks service on {address}");
var selfTest = Array.IndexOf(args, "--self-test");
if (selfTest < 0 || selfTest + 1 >= args.Length)
{
    await app.WaitForShutdownAsync();
    return;
}

var gpFile = args[selfTest + 1];
var gp = (await new SourceListJsonReader().ReadFileAsync(gpFile)).SinglePatient();
JsonObject Request(string id, string name, string status) => new()
{
    ["resourceType"] = "MedicationRequest", ["id"] = id, ["status"] = status, ["intent"] = "order",
    ["subject"] = new JsonObject { ["reference"] = "Patient/sample" }, ["medicationCodeableConcept"] = new JsonObject { ["text"] = name },
};
JsonObject Bundle(IEnumerable<JsonObject> resources) => new()
{
    ["resourceType"] = "Bundle", ["type"] = "collection",
    ["entry"] = new JsonArray([.. resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r })]),
};
var birthDate = gp.Patient?.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "1938-03-14";
var request = new JsonObject
{
    ["hook"] = "order-select", ["hookInstance"] = Guid.NewGuid().ToString(),
    ["context"] = new JsonObject
    {
        ["userId"] = "Practitioner/1", ["patientId"] = "sample", ["selections"] = new JsonArray("MedicationRequest/draft-1"),
        ["draftOrders"] = Bundle([Request("draft-1", "Ibux 400 mg tablett", "draft")]),
    },
    ["prefetch"] = new JsonObject
    {
        ["patient"] = new JsonObject { ["resourceType"] = "Patient", ["id"] = "sample", ["birthDate"] = birthDate },
        ["medicationRequests"] = Bundle(gp.Lists.SelectMany(l => l.Entries).Where(e => e.Status == EntryStatus.Active && e.Name is not null)
            .Select(e => Request("gp-" + e.EntryId, e.Name!, "active"))),
    },
};
using var client = new HttpClient { BaseAddress = new Uri(address) };
using var response = await client.PostAsJsonAsync("/cds-services/medengine-order-select", request);
var body = await response.Content.ReadFromJsonAsync<JsonObject>();
Console.WriteLine($"order-select: {(int)response.StatusCode}, {body?["cards"]?.AsArray().Count ?? 0} card(s)");
foreach (var card in body?["cards"]?.AsArray() ?? [])
{
    Console.WriteLine($"card ({card?["indicator"]}): {card?["summary"]}");
}

await app.StopAsync();
return;
