using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedEngine.CdsHooks.Fhir;

/// <summary>
/// Brings what EHRs send close enough to FHIR R4 for <see cref="MedEngine.Fhir.FhirInputReader"/>, without losing what MedEngine
/// uses. Many CDS Hooks clients (and HL7's PDDI-CDS test requests) still send STU3 resources:
/// <list type="bullet">
/// <item>a Bundle without <c>type</c> (draft orders often come so) is a <c>collection</c>; entries given as bare resources are wrapped in <c>{resource}</c>;</item>
/// <item>Condition and AllergyIntolerance <c>clinicalStatus</c>/<c>verificationStatus</c> codes become CodeableConcepts, <c>assertedDate</c> becomes <c>recordedDate</c>;</item>
/// <item>STU3 <c>context</c> becomes <c>encounter</c> (MedicationRequest, Condition, Observation...); single <c>category</c> objects become arrays where R4 has a list;</item>
/// <item>STU3 <c>dose[x]</c>/<c>rate[x]</c> on a Dosage move into R4's <c>doseAndRate</c>;</item>
/// <item>MedicationStatement's STU3 <c>taken</c> is dropped (<c>n</c> sets status <c>not-taken</c>);</item>
/// <item>a MedicationAdministration (which MedEngine does not read) becomes a MedicationStatement: given (<c>completed</c>, <c>in-progress</c>)
/// means in use (<c>active</c>), <c>stopped</c>, <c>on-hold</c> and <c>entered-in-error</c> carry over, anything else is <c>unknown</c>.</item>
/// </list>
/// </summary>
internal static class FhirCompatibility
{
    private static readonly HashSet<string> ListCategory = new(StringComparer.Ordinal) { "MedicationRequest", "Condition", "Observation", "AllergyIntolerance" };

    public static JsonObject Normalize(JsonObject resource)
    {
        var copy = (JsonObject)resource.DeepClone();
        NormalizeResource(copy);
        return copy;
    }

    private static void NormalizeResource(JsonObject resource)
    {
        var type = String(resource["resourceType"]);
        if (type == "Bundle")
        {
            if (resource["type"] is null)
            {
                resource["type"] = "collection";
            }

            if (resource["entry"] is JsonArray entries)
            {
                for (var i = 0; i < entries.Count; i++)
                {
                    if (entries[i] is JsonObject entry)
                    {
                        if (entry["resource"] is JsonObject inner)
                        {
                            NormalizeResource(inner);
                        }
                        else if (entry["resourceType"] is not null)
                        {
                            var wrapped = (JsonObject)entry.DeepClone();
                            NormalizeResource(wrapped);
                            entries[i] = new JsonObject { ["resource"] = wrapped };
                        }
                    }
                }
            }

            return;
        }

        if (type == "MedicationAdministration")
        {
            ToStatement(resource);
            type = "MedicationStatement";
        }

        if (type is "Condition" or "AllergyIntolerance")
        {
            Status(resource, "clinicalStatus", type == "Condition" ? "http://terminology.hl7.org/CodeSystem/condition-clinical" : "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical");
            Status(resource, "verificationStatus", type == "Condition" ? "http://terminology.hl7.org/CodeSystem/condition-ver-status" : "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification");
            Rename(resource, "assertedDate", "recordedDate");
        }

        if (type is "MedicationRequest" or "Condition" or "Observation" or "AllergyIntolerance" or "MedicationDispense")
        {
            Rename(resource, "context", type == "MedicationDispense" ? "context" : "encounter");
        }

        if (ListCategory.Contains(type ?? "") && resource["category"] is JsonObject single)
        {
            resource["category"] = new JsonArray(single.DeepClone());
        }

        foreach (var name in new[] { "dosageInstruction", "dosage" })
        {
            if (resource[name] is JsonArray dosages)
            {
                foreach (var dosage in dosages.OfType<JsonObject>())
                {
                    DoseAndRate(dosage);
                }
            }
        }

        if (type == "MedicationStatement" && resource["taken"] is { } taken)
        {
            if (String(taken) == "n")
            {
                resource["status"] = "not-taken";
            }

            resource.Remove("taken");
        }
    }

    private static void ToStatement(JsonObject resource)
    {
        resource["resourceType"] = "MedicationStatement";
        resource["status"] = String(resource["status"]) switch
        {
            "completed" or "in-progress" => "active",
            "stopped" => "stopped",
            "on-hold" => "on-hold",
            "entered-in-error" => "entered-in-error",
            _ => "unknown",
        };
        foreach (var name in new[] { "category", "performer", "request", "device", "eventHistory", "statusReason", "supportingInformation", "instantiates", "partOf", "notGiven", "reasonNotGiven", "definition", "prescription" })
        {
            resource.Remove(name);
        }

        if (resource["dosage"] is JsonObject dosage)
        {
            var statementDosage = new JsonObject();
            foreach (var name in new[] { "text", "site", "route", "method" })
            {
                if (dosage[name] is { } value)
                {
                    statementDosage[name] = value.DeepClone();
                }
            }

            if (dosage["dose"] is JsonObject dose)
            {
                statementDosage["doseAndRate"] = new JsonArray(new JsonObject { ["doseQuantity"] = dose.DeepClone() });
            }

            resource["dosage"] = new JsonArray(statementDosage);
        }
    }

    /// <summary>STU3 puts <c>dose[x]</c> and <c>rate[x]</c> on the Dosage itself; R4 in <c>doseAndRate</c>.</summary>
    private static void DoseAndRate(JsonObject dosage)
    {
        var moved = new JsonObject();
        foreach (var name in new[] { "doseQuantity", "doseRange", "rateRatio", "rateRange", "rateQuantity" })
        {
            if (dosage[name] is { } value)
            {
                dosage.Remove(name);
                moved[name] = value;
            }
        }

        if (moved.Count > 0 && dosage["doseAndRate"] is null)
        {
            dosage["doseAndRate"] = new JsonArray(moved);
        }
    }

    private static void Status(JsonObject resource, string name, string system)
    {
        if (resource[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            resource[name] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = value.GetValue<string>() }) };
        }
    }

    private static void Rename(JsonObject resource, string from, string to)
    {
        if (from != to && resource[from] is { } value && resource[to] is null)
        {
            resource.Remove(from);
            resource[to] = value;
        }
    }

    private static string? String(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
