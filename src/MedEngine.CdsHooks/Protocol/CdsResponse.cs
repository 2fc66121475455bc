using System.Text.Json.Serialization;

namespace MedEngine.CdsHooks.Protocol;

/// <summary>A CDS Hooks response.</summary>
/// <param name="Cards">The cards.</param>
public sealed record CdsResponse([property: JsonPropertyName("cards")] IReadOnlyList<Card> Cards)
{
    /// <summary>System actions (none: MedEngine never changes the record by itself).</summary>
    [JsonPropertyName("systemActions")]
    public IReadOnlyList<object> SystemActions { get; init; } = [];
}

/// <summary>A coding (FHIR Coding as CDS Hooks uses it).</summary>
/// <param name="System">The code system.</param>
/// <param name="Code">The code.</param>
/// <param name="Display">The display text.</param>
public sealed record CdsCoding(
    [property: JsonPropertyName("system")] string System,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("display")] string? Display);

/// <summary>Where a card's content comes from.</summary>
/// <param name="Label">The source's name.</param>
/// <param name="Url">A link about the source.</param>
/// <param name="Topic">The topic: code = the rule id.</param>
public sealed record CardSource(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("topic")] CdsCoding? Topic);

/// <summary>An action of a suggestion.</summary>
/// <param name="Type">create, update or delete.</param>
/// <param name="Description">What it does.</param>
/// <param name="ResourceId">For delete: the reference of the resource (<c>MedicationRequest/123</c>).</param>
public sealed record CardAction(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("resourceId")] IReadOnlyList<string>? ResourceId);

/// <summary>A suggestion the clinician can accept.</summary>
/// <param name="Label">The label.</param>
/// <param name="Uuid">Its id, echoed in feedback.</param>
/// <param name="IsRecommended">Whether it is recommended.</param>
/// <param name="Actions">What accepting does.</param>
public sealed record Suggestion(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("uuid")] string Uuid,
    [property: JsonPropertyName("isRecommended")] bool IsRecommended,
    [property: JsonPropertyName("actions")] IReadOnlyList<CardAction> Actions);

/// <summary>A CDS Hooks card.</summary>
public sealed record Card
{
    /// <summary>The card's id, which feedback names.</summary>
    [JsonPropertyName("uuid")]
    public required string Uuid { get; init; }

    /// <summary>Under 140 characters, naming the drugs.</summary>
    [JsonPropertyName("summary")]
    public required string Summary { get; init; }

    /// <summary>The explanation, in GitHub-flavoured markdown.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; init; }

    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    [JsonPropertyName("indicator")]
    public required string Indicator { get; init; }

    /// <summary>The source.</summary>
    [JsonPropertyName("source")]
    public required CardSource Source { get; init; }

    /// <summary>The suggestions.</summary>
    [JsonPropertyName("suggestions")]
    public IReadOnlyList<Suggestion>? Suggestions { get; init; }

    /// <summary><c>at-most-one</c> when there are suggestions.</summary>
    [JsonPropertyName("selectionBehavior")]
    public string? SelectionBehavior { get; init; }

    /// <summary>The reasons a clinician can give for overriding.</summary>
    [JsonPropertyName("overrideReasons")]
    public IReadOnlyList<CdsCoding>? OverrideReasons { get; init; }
}
