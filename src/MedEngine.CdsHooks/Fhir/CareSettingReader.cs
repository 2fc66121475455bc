using System.Text.Json.Nodes;
using MedEngine.Model;

namespace MedEngine.CdsHooks.Fhir;

/// <summary>
/// The patient's care setting from prefetched FHIR resources, when they say it: a Location's type (HL7 v3 RoleCode: <c>NCCF</c>,
/// <c>SNF</c> a nursing home; <c>HOSP</c> a hospital) or an Encounter's class (v3 ActCode: <c>HH</c> home health; <c>IMP</c>,
/// <c>ACUTE</c>, <c>NONAC</c>, <c>EMER</c>, <c>SS</c> a hospital stay). A location wins over an encounter class; an ambulatory
/// encounter (<c>AMB</c>) does not tell a GP from a hospital clinic and says nothing. Resources that disagree say nothing.
/// </summary>
internal static class CareSettingReader
{
    private static readonly Dictionary<string, CareSetting> LocationTypes = new(StringComparer.Ordinal)
    {
        ["NCCF"] = CareSetting.NursingHome, ["SNF"] = CareSetting.NursingHome, ["HOSP"] = CareSetting.Hospital,
    };

    private static readonly Dictionary<string, CareSetting> EncounterClasses = new(StringComparer.Ordinal)
    {
        ["HH"] = CareSetting.HomeCare, ["IMP"] = CareSetting.Hospital, ["ACUTE"] = CareSetting.Hospital, ["NONAC"] = CareSetting.Hospital,
        ["EMER"] = CareSetting.Hospital, ["SS"] = CareSetting.Hospital,
    };

    /// <summary>The setting the resources (or the resources in Bundles) say, or <see langword="null"/>.</summary>
    /// <param name="values">Prefetched resources and Bundles.</param>
    /// <returns>The setting, when the resources say one and do not disagree.</returns>
    public static CareSetting? From(IEnumerable<JsonObject> values)
    {
        var resources = values.SelectMany(Resources).ToList();
        return One(resources.Where(r => Type(r) == "Location").SelectMany(r => (r["type"] as JsonArray ?? []).OfType<JsonObject>()).SelectMany(Codes), LocationTypes)
            ?? One(resources.Where(r => Type(r) == "Encounter").Select(r => r["class"] as JsonObject).OfType<JsonObject>().Select(c => Text(c["code"])).OfType<string>(), EncounterClasses);
    }

    private static CareSetting? One(IEnumerable<string> codes, Dictionary<string, CareSetting> map)
    {
        var settings = codes.Where(map.ContainsKey).Select(c => map[c]).Distinct().ToList();
        return settings.Count == 1 ? settings[0] : null;
    }

    private static IEnumerable<JsonObject> Resources(JsonObject value) => Type(value) == "Bundle"
        ? (value["entry"] as JsonArray ?? []).OfType<JsonObject>().Select(e => e["resource"] as JsonObject).OfType<JsonObject>()
        : [value];

    private static IEnumerable<string> Codes(JsonObject concept) =>
        (concept["coding"] as JsonArray ?? []).OfType<JsonObject>().Select(c => Text(c["code"])).OfType<string>();

    private static string? Type(JsonObject resource) => Text(resource["resourceType"]);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
