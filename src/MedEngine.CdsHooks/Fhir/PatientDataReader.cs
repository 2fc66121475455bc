using System.Text.Json;
using System.Text.Json.Nodes;
using MedEngine.CdsHooks.Protocol;
using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Serialization;

namespace MedEngine.CdsHooks.Fhir;

/// <summary>A draft order as the card's suggestions refer to it.</summary>
/// <param name="EntryId">The entry id in the draft source.</param>
/// <param name="Reference">The resource reference (<c>MedicationRequest/123</c>) when the draft has an id; a delete action needs it.</param>
/// <param name="Selected">Whether the order is selected (order-select), or the hook is about all drafts (order-sign).</param>
internal sealed record DraftOrder(string EntryId, string? Reference, bool Selected);

/// <summary>The patient's sources and facts as read from a call.</summary>
internal sealed record PatientData(IReadOnlyList<SourceList> Lists, PatientContext? Patient, IReadOnlyDictionary<string, DraftOrder> Drafts);

/// <summary>
/// Turns a call's draft orders and prefetched resources into MedEngine source lists and patient facts with
/// <see cref="FhirInputReader"/>:
/// <list type="bullet">
/// <item>the draft orders form one source <c>draft-orders</c> of kind <see cref="SourceKind.Prescriptions"/> (a prescription being
/// written), every entry <see cref="EntryStatus.Active"/> (the state the order will have when signed);</item>
/// <item>each prefetch key is read on its own, as if it were a file named after the key, so MedicationRequests form
/// <c>{key}-requests</c> (prescriptions), MedicationDispenses <c>{key}-dispenses</c> (dispensing) and MedicationStatements
/// <c>{key}</c> (patient-reported when <c>informationSource</c> is the patient or a relative, else unknown);</item>
/// <item>Patient, Condition, AllergyIntolerance and Observation resources anywhere become patient facts (age, sex, weight,
/// conditions, allergies, lab values); a prefetched Location or Encounter gives the care setting (<see cref="CareSettingReader"/>).</item>
/// </list>
/// STU3 resources are brought to R4 first (<see cref="FhirCompatibility"/>). A resource that cannot be read is a 400 naming the
/// prefetch key (or <c>context.draftOrders</c>).
/// </summary>
internal static class PatientDataReader
{
    public const string DraftSourceId = "draft-orders";

    public static PatientData Read(CdsRequest request, IReadOnlyDictionary<string, JsonObject?> prefetch)
    {
        var lists = new Dictionary<string, (MedicationSource Source, List<MedicationEntry> Entries)>(StringComparer.Ordinal);
        var patients = new List<PatientContext?>();
        var drafts = new Dictionary<string, DraftOrder>(StringComparer.Ordinal);

        void Add(SourceReadResult result, Func<MedicationEntry, MedicationEntry>? map = null)
        {
            foreach (var input in result.Patients)
            {
                patients.Add(input.Patient);
                foreach (var list in input.Lists)
                {
                    if (!lists.TryGetValue(list.Source.Id, out var existing))
                    {
                        existing = (list.Source, []);
                        lists.Add(list.Source.Id, existing);
                    }

                    foreach (var entry in list.Entries)
                    {
                        if (existing.Entries.All(e => e.EntryId != entry.EntryId))
                        {
                            existing.Entries.Add(map is null ? entry : map(entry));
                        }
                    }
                }
            }
        }

        if (request.DraftOrders is { } draftBundle)
        {
            var normalized = FhirCompatibility.Normalize(draftBundle);
            Add(ReadFhir(normalized, DraftSourceId, "context.draftOrders", SourceKind.Prescriptions), e => e with { Status = EntryStatus.Active });
            var selected = request.Selections.Select(s => s.Split('/')[^1]).ToHashSet(StringComparer.Ordinal);
            foreach (var (id, type) in DraftResources(normalized))
            {
                drafts[id] = new DraftOrder(id, $"{type}/{id}", request.Hook != CdsHookNames.OrderSelect || selected.Contains(id));
            }

            if (lists.TryGetValue(DraftSourceId, out var draftList))
            {
                foreach (var entry in draftList.Entries.Where(e => !drafts.ContainsKey(e.EntryId)))
                {
                    drafts[entry.EntryId] = new DraftOrder(entry.EntryId, null, request.Hook != CdsHookNames.OrderSelect);
                }
            }
        }

        foreach (var (key, value) in prefetch.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is not null)
            {
                Add(ReadFhir(FhirCompatibility.Normalize(value), SafeStem(key), $"prefetch.{key}", null));
            }
        }

        var sourceLists = lists.Values.Select(l => new SourceList(l.Source, l.Entries)).ToList();
        var patient = PatientContexts.Merge(patients.OrderByDescending(p => p?.BirthDate is not null));
        if (CareSettingReader.From(prefetch.Values.OfType<JsonObject>()) is { } setting)
        {
            patient = (patient ?? new PatientContext()) with { Setting = setting };
        }

        return new PatientData(sourceLists, patient, drafts);
    }

    private static readonly FhirInputReader Fhir = new();

    private static SourceReadResult ReadFhir(JsonObject resource, string stem, string field, SourceKind? kind)
    {
        if (resource["resourceType"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
        {
            throw new CdsRequestException(field, "Must be a FHIR resource with a resourceType.");
        }

        var read = Fhir.Read(resource.ToJsonString(), stem + ".json", kind);
        if (read.Issues.Count > 0)
        {
            var first = read.Issues[0];
            var where = first.Field is null ? "" : $" (field '{first.Field}'{(first.Entry is null ? "" : $" of entry '{first.Entry}'")})";
            throw new CdsRequestException(field, $"Not valid FHIR R4{where}: {first.Code} {first.Message}{(read.Issues.Count > 1 ? $" (and {read.Issues.Count - 1} more problems)" : "")}");
        }

        return read;
    }

    /// <summary>The ids and types of the medication orders in a draft Bundle.</summary>
    private static IEnumerable<(string Id, string Type)> DraftResources(JsonObject bundle)
    {
        foreach (var entry in (bundle["entry"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (entry["resource"] is JsonObject resource && resource["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String
                && resource["resourceType"] is JsonValue type && type.GetValue<string>() is "MedicationRequest" or "MedicationStatement" or "MedicationDispense")
            {
                yield return (id.GetValue<string>(), type.GetValue<string>());
            }
        }
    }

    private static string SafeStem(string key) =>
        new(key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
