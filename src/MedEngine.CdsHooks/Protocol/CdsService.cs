using System.Text.Json.Serialization;

namespace MedEngine.CdsHooks.Protocol;

/// <summary>The hook names MedEngine answers.</summary>
public static class CdsHookNames
{
    /// <summary>The clinician selects one or more orders in the ordering dialogue.</summary>
    public const string OrderSelect = "order-select";

    /// <summary>The clinician is about to sign orders.</summary>
    public const string OrderSign = "order-sign";

    /// <summary>The patient's record is opened.</summary>
    public const string PatientView = "patient-view";

    /// <summary>The deprecated CDS Hooks 1.0 prescribing hook, kept for older EHRs (and HL7's PDDI-CDS test requests).</summary>
    public const string MedicationPrescribe = "medication-prescribe";
}

/// <summary>One service as listed by discovery (<c>GET /cds-services</c>).</summary>
/// <param name="Hook">The hook it answers.</param>
/// <param name="Id">The id in its URL.</param>
/// <param name="Title">A title.</param>
/// <param name="Description">What it does.</param>
/// <param name="Prefetch">The prefetch templates.</param>
public sealed record CdsService(
    [property: JsonPropertyName("hook")] string Hook,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("prefetch")] IReadOnlyDictionary<string, string> Prefetch);

/// <summary>The services MedEngine offers, and the prefetch templates they ask for.</summary>
public static class CdsServices
{
    /// <summary>The LOINC codes of the lab values asked for: eGFR (CKD-EPI and MDRD variants), creatinine, potassium, INR.</summary>
    public const string LabLoincCodes = "http://loinc.org|98979-8,http://loinc.org|62238-1,http://loinc.org|33914-3,http://loinc.org|48642-3,http://loinc.org|48643-1,http://loinc.org|2160-0,http://loinc.org|14682-9,http://loinc.org|2823-3,http://loinc.org|6298-4,http://loinc.org|6301-6,http://loinc.org|34714-6";

    /// <summary>The prefetch templates every service asks for; the keys are what the service reads.</summary>
    public static IReadOnlyDictionary<string, string> PrefetchTemplates { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["patient"] = "Patient/{{context.patientId}}",
        ["medicationRequests"] = "MedicationRequest?patient={{context.patientId}}&status=active",
        ["medicationStatements"] = "MedicationStatement?patient={{context.patientId}}",
        ["medicationDispenses"] = "MedicationDispense?patient={{context.patientId}}",
        ["conditions"] = "Condition?patient={{context.patientId}}",
        ["observations"] = "Observation?patient={{context.patientId}}&code=" + LabLoincCodes + "&_sort=-date",
        ["allergies"] = "AllergyIntolerance?patient={{context.patientId}}",
    };

    /// <summary>Every service, in discovery order.</summary>
    public static IReadOnlyList<CdsService> All { get; } =
    [
        new(CdsHookNames.OrderSelect, "medengine-order-select", "MedEngine: medication order check",
            "Checks the selected medication orders against the patient's reconciled medication list, conditions and lab values with MedEngine's rules (interactions, duplicates, doses, renal function, NORGEP-NH).",
            PrefetchTemplates),
        new(CdsHookNames.OrderSign, "medengine-order-sign", "MedEngine: medication check before signing",
            "Checks the draft medication orders against the patient's reconciled medication list, conditions and lab values before they are signed.",
            PrefetchTemplates),
        new(CdsHookNames.PatientView, "medengine-patient-view", "MedEngine: medication reconciliation summary",
            "Reconciles the patient's medication sources into one list and summarises where they disagree, with the findings of MedEngine's rules.",
            PrefetchTemplates),
        new(CdsHookNames.MedicationPrescribe, "medengine-medication-prescribe", "MedEngine: medication check (deprecated hook)",
            "The order check for EHRs that still call the deprecated CDS Hooks 1.0 medication-prescribe hook; prefer medengine-order-sign.",
            PrefetchTemplates),
    ];

    /// <summary>Finds a service by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static CdsService? Find(string id) => All.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}
