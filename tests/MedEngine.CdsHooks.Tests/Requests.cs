using System.Text.Json.Nodes;
using MedEngine.Model;

namespace MedEngine.CdsHooks.Tests;

/// <summary>Builds CDS Hooks requests for the tests.</summary>
internal static class Requests
{
    public static JsonObject MedicationRequest(string? id, string display, string status = "active") => new()
    {
        ["resourceType"] = "MedicationRequest",
        ["id"] = id,
        ["status"] = status,
        ["intent"] = "order",
        ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
        ["medicationCodeableConcept"] = new JsonObject { ["text"] = display },
    };

    public static JsonObject Bundle(params JsonObject[] resources) => new()
    {
        ["resourceType"] = "Bundle",
        ["type"] = "collection",
        ["entry"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r }).ToArray()),
    };

    public static JsonObject Patient(string birthDate) => new() { ["resourceType"] = "Patient", ["id"] = "p1", ["birthDate"] = birthDate, ["gender"] = "female" };

    /// <summary>An order-select call: ibuprofen drafted and selected, warfarin on the active list, an 80-year-old patient.</summary>
    public static JsonObject WarfarinIbuprofenSelect(string patientId = "p1", string? encounterId = "enc-1") =>
        OrderSelect(patientId, encounterId, MedicationRequest("rx-warfarin", "Marevan 2,5 mg tablett"), MedicationRequest("draft-ibu", "Ibux 400 mg tablett", "draft"));

    /// <summary>An order-select call for an 80-year-old patient: one draft order, selected, and one medication on the active list.</summary>
    public static JsonObject OrderSelect(string patientId, string? encounterId, JsonObject active, JsonObject draft) => new()
    {
        ["hook"] = "order-select",
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["context"] = new JsonObject
        {
            ["userId"] = "Practitioner/dr-1",
            ["patientId"] = patientId,
            ["encounterId"] = encounterId,
            ["selections"] = new JsonArray("MedicationRequest/" + draft["id"]!.GetValue<string>()),
            ["draftOrders"] = Bundle(draft),
        },
        ["prefetch"] = new JsonObject
        {
            ["patient"] = Patient("1946-03-01"),
            ["medicationRequests"] = Bundle(active),
        },
    };

    /// <summary>Whether the shipped knowledge base resolves a medication name (some PDDI drugs are not in it yet).</summary>
    public static bool Resolves(string name)
    {
        var list = new SourceList(new MedicationSource("probe", SourceKind.GeneralPractitioner), [new MedicationEntry { EntryId = "1", Name = name, Status = EntryStatus.Active }]);
        return Engine.Evaluate([list]).List.Unresolved.Count == 0;
    }

    private static MedEngineRuntime Engine { get; } = new MedEngineBuilder().Build();
}
