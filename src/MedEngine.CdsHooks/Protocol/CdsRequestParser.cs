using System.Text.Json;
using System.Text.Json.Nodes;

namespace MedEngine.CdsHooks.Protocol;

/// <summary>
/// Reads and checks a CDS Hooks request body. Every problem is a <see cref="CdsRequestException"/> naming the field. The deprecated
/// <c>medication-prescribe</c> hook (CDS Hooks 1.0, as in HL7's PDDI-CDS test requests) is read in its old shape too:
/// <c>context.medications</c> is the draft orders, and <c>context.prefetch</c> (or stray <c>context.itemN</c>) entries of the form
/// <c>{response, resource}</c> are prefetch.
/// </summary>
internal static class CdsRequestParser
{
    public static CdsRequest Parse(ReadOnlySpan<byte> body, CdsService service)
    {
        var root = RequestJson.Parse(body);

        if (root is not JsonObject request)
        {
            throw new CdsRequestException("$", "The body must be a JSON object.");
        }

        var hook = RequiredString(request, "hook", "hook");
        if (!string.Equals(hook, service.Hook, StringComparison.Ordinal))
        {
            throw new CdsRequestException("hook", $"Service '{service.Id}' answers the '{service.Hook}' hook, not '{hook}'.");
        }

        var hookInstance = RequiredString(request, "hookInstance", "hookInstance");
        Uri? fhirServer = null;
        if (OptionalString(request, "fhirServer", "fhirServer") is { } server)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out fhirServer) || fhirServer.Scheme is not ("http" or "https"))
            {
                throw new CdsRequestException("fhirServer", "fhirServer must be an absolute http or https URL.");
            }
        }

        string? accessToken = null;
        if (request["fhirAuthorization"] is { } authNode)
        {
            if (authNode is not JsonObject auth)
            {
                throw new CdsRequestException("fhirAuthorization", "fhirAuthorization must be an object.");
            }

            accessToken = RequiredString(auth, "access_token", "fhirAuthorization.access_token");
            var type = RequiredString(auth, "token_type", "fhirAuthorization.token_type");
            if (!string.Equals(type, "Bearer", StringComparison.OrdinalIgnoreCase))
            {
                throw new CdsRequestException("fhirAuthorization.token_type", "token_type must be Bearer.");
            }
        }

        if (request["context"] is not JsonObject context)
        {
            throw new CdsRequestException("context", request["context"] is null ? "context is required." : "context must be an object.");
        }

        var patientId = RequiredString(context, "patientId", "context.patientId");
        var prefetch = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        if (request["prefetch"] is { } prefetchNode)
        {
            if (prefetchNode is not JsonObject prefetchObject)
            {
                throw new CdsRequestException("prefetch", "prefetch must be an object.");
            }

            foreach (var (key, value) in prefetchObject)
            {
                prefetch[key] = value switch
                {
                    null => null,
                    JsonObject o => o,
                    _ => throw new CdsRequestException($"prefetch.{key}", "Each prefetch value must be a FHIR resource (a JSON object) or null."),
                };
            }
        }

        JsonObject? draftOrders = null;
        IReadOnlyList<string> selections = [];
        if (service.Hook == CdsHookNames.MedicationPrescribe)
        {
            draftOrders = LegacyBundle(context["medications"], "context.medications") ?? throw new CdsRequestException("context.medications", "context.medications is required.");
            foreach (var (key, value) in context)
            {
                if (key == "prefetch" && value is JsonObject legacy)
                {
                    foreach (var (item, itemValue) in legacy)
                    {
                        prefetch.TryAdd(item, LegacyPrefetch(itemValue, $"context.prefetch.{item}"));
                    }
                }
                else if (key.StartsWith("item", StringComparison.Ordinal) && value is JsonObject)
                {
                    prefetch.TryAdd(key, LegacyPrefetch(value, $"context.{key}"));
                }
            }
        }
        else if (service.Hook is CdsHookNames.OrderSelect or CdsHookNames.OrderSign)
        {
            if (context["draftOrders"] is not JsonObject drafts || !string.Equals(drafts["resourceType"]?.GetValueKind() == JsonValueKind.String ? drafts["resourceType"]!.GetValue<string>() : null, "Bundle", StringComparison.Ordinal))
            {
                throw new CdsRequestException("context.draftOrders", "context.draftOrders must be a FHIR Bundle.");
            }

            draftOrders = drafts;
            if (service.Hook == CdsHookNames.OrderSelect)
            {
                if (context["selections"] is not JsonArray array || array.Count == 0)
                {
                    throw new CdsRequestException("context.selections", "context.selections must be a non-empty array of references such as MedicationRequest/123.");
                }

                selections = array.Select((s, i) => s?.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : throw new CdsRequestException($"context.selections[{i}]", "Each selection must be a string.")).ToList();
            }
        }

        return new CdsRequest
        {
            Hook = hook,
            HookInstance = hookInstance,
            FhirServer = fhirServer,
            FhirAccessToken = accessToken,
            UserId = OptionalString(context, "userId", "context.userId"),
            PatientId = patientId,
            EncounterId = OptionalString(context, "encounterId", "context.encounterId"),
            Selections = selections,
            DraftOrders = draftOrders,
            Prefetch = prefetch,
        };
    }

    private static JsonObject? LegacyBundle(JsonNode? node, string field)
    {
        return node switch
        {
            null => null,
            JsonObject bundle => bundle,
            JsonArray entries => new JsonObject { ["resourceType"] = "Bundle", ["entry"] = new JsonArray(entries.Select(e => e?.DeepClone()).ToArray()) },
            _ => throw new CdsRequestException(field, "Must be a FHIR Bundle."),
        };
    }

    /// <summary>An old-style prefetch item: <c>{response, resource}</c>, where the resource may even be a bare "Bundle" with the entries beside it.</summary>
    private static JsonObject? LegacyPrefetch(JsonNode? node, string field)
    {
        if (node is not JsonObject item)
        {
            return node is null ? null : throw new CdsRequestException(field, "Must be an object.");
        }

        if (item["resource"] is JsonObject resource)
        {
            return resource;
        }

        if (item["entry"] is JsonArray entries)
        {
            return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "collection", ["entry"] = entries.DeepClone() };
        }

        return item["resourceType"] is not null ? item : null;
    }

    private static string RequiredString(JsonObject node, string name, string field) =>
        OptionalString(node, name, field) ?? throw new CdsRequestException(field, $"{field} is required.");

    private static string? OptionalString(JsonObject node, string name, string field)
    {
        var value = node[name];
        if (value is null)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.String)
        {
            throw new CdsRequestException(field, $"{field} must be a string.");
        }

        var text = value.GetValue<string>();
        return string.IsNullOrWhiteSpace(text) ? throw new CdsRequestException(field, $"{field} must not be empty.") : text;
    }
}
