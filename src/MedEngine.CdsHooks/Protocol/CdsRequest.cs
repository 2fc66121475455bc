using System.Text.Json.Nodes;

namespace MedEngine.CdsHooks.Protocol;

/// <summary>A CDS Hooks call, checked: what the service needs from the body.</summary>
internal sealed record CdsRequest
{
    public required string Hook { get; init; }

    public required string HookInstance { get; init; }

    public Uri? FhirServer { get; init; }

    /// <summary>The <c>fhirAuthorization.access_token</c>. Used for fetches only; never logged or stored.</summary>
    public string? FhirAccessToken { get; init; }

    public string? UserId { get; init; }

    public required string PatientId { get; init; }

    public string? EncounterId { get; init; }

    /// <summary>The selected orders (<c>MedicationRequest/123</c>), for <c>order-select</c>.</summary>
    public IReadOnlyList<string> Selections { get; init; } = [];

    /// <summary>The draft orders Bundle, for order hooks.</summary>
    public JsonObject? DraftOrders { get; init; }

    /// <summary>The prefetched resources by key; a <see langword="null"/> value means the EHR could not prefetch it.</summary>
    public required IReadOnlyDictionary<string, JsonObject?> Prefetch { get; init; }

    /// <summary>The override context: the encounter id, or empty when the call names none.</summary>
    public string OverrideContext => EncounterId ?? "";
}
