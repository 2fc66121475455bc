using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using MedEngine.Serialization;

namespace MedEngine.Fhir;

/// <summary>One resource read from the input, with where it was found.</summary>
/// <param name="Resource">The resource.</param>
/// <param name="FullUrl">The bundle entry's fullUrl, when in a bundle.</param>
/// <param name="Line">The NDJSON line, when read from NDJSON.</param>
internal sealed record ParsedResource(Resource Resource, string? FullUrl, int? Line);

/// <summary>Splits FHIR JSON content (a bundle, one resource, or NDJSON) into resources, collecting every problem with where it is.</summary>
internal sealed class FhirContentParser
{
    private static readonly HashSet<string> BundleTypes = new(StringComparer.Ordinal) { "collection", "searchset", "document", "transaction", "batch" };

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.NoOverflow));

    private readonly string _file;
    private readonly List<InputError> _errors;

    public FhirContentParser(string file, List<InputError> errors)
    {
        _file = file;
        _errors = errors;
    }

    public List<ParsedResource> Resources { get; } = [];

    /// <summary>Bundle entries that carry no resource (for example a transaction DELETE).</summary>
    public int EntriesWithoutResource { get; private set; }

    /// <summary>The document bundles' compositions are found among <see cref="Resources"/>; this says whether any bundle was a document.</summary>
    public bool SawDocument { get; private set; }

    /// <summary>The registry lookups an SFM <c>$getMedication</c> answer (a Parameters) reported.</summary>
    public SfmLookups Lookups { get; } = new();

    /// <summary>Parameters the reader does not use, by name (counted as skipped).</summary>
    public List<string> UnreadParameters { get; } = [];

    public void Parse(string content)
    {
        if (IsNdjson(content, _file))
        {
            var lines = content.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (!string.IsNullOrWhiteSpace(lines[i]))
                {
                    ParseDocument(lines[i], i + 1);
                }
            }
        }
        else
        {
            ParseDocument(content, null);
        }
    }

    /// <summary>NDJSON when the file says so, or when the first non-empty line is a whole JSON object and more lines follow.</summary>
    internal static bool IsNdjson(string content, string file)
    {
        if (file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var lines = content.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)).Take(2).ToList();
        if (lines.Count < 2 || !lines[0].TrimStart().StartsWith('{') || !lines[1].TrimStart().StartsWith('{'))
        {
            return false;
        }

        try
        {
            using var first = JsonDocument.Parse(lines[0]);
            return first.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private void ParseDocument(string json, int? ndjsonLine)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            _errors.Add(new InputError(InputIssueCodes.FhirMalformed, _file, "Malformed JSON: " + e.Message.Split(" Path:")[0].Split(" LineNumber:")[0])
            {
                Line = ndjsonLine ?? (int?)e.LineNumber + 1,
                Column = (int?)e.BytePositionInLine + 1,
            });
            return;
        }

        using (document)
        {
            if (StrictJson.Check(document.RootElement, _file) is { Count: > 0 } problems)
            {
                _errors.AddRange(problems.Select(p => p with { Line = ndjsonLine }));
                return;
            }

            ReadResource(document.RootElement, ndjsonLine, null, null);
        }
    }

    /// <summary>The path of the first list with a null that has no '_' twin, walking iteratively; <see langword="null"/> when none.</summary>
    private static string? NullInAList(JsonElement resource)
    {
        var pending = new Stack<(JsonElement Element, string Path)>();
        pending.Push((resource, ""));
        while (pending.TryPop(out var item))
        {
            if (item.Element.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var element in item.Element.EnumerateArray())
                {
                    pending.Push((element, $"{item.Path}[{index++}]"));
                }

                continue;
            }

            if (item.Element.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var property in item.Element.EnumerateObject())
            {
                var path = item.Path.Length == 0 ? property.Name : item.Path + "." + property.Name;
                if (property.Value.ValueKind == JsonValueKind.Array && !item.Element.TryGetProperty("_" + property.Name, out _)
                    && property.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Null))
                {
                    return path;
                }

                pending.Push((property.Value, path));
            }
        }

        return null;
    }

    private void ReadResource(JsonElement element, int? line, string? fullUrl, string? where)
    {
        var id = element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()
            : null;
        var entry = id ?? where;
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(InputIssueCodes.FhirNotAResource, line, entry, where, "A resource must be a JSON object.");
            return;
        }

        if (!element.TryGetProperty("resourceType", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            Error(InputIssueCodes.FhirNotAResource, line, entry, Field(where, "resourceType"), "Missing 'resourceType': not a FHIR resource.");
            return;
        }

        var type = typeElement.GetString()!;
        if (!ModelInfo.IsKnownResource(type))
        {
            Error(InputIssueCodes.FhirNotAResource, line, entry, Field(where, "resourceType"), $"Unknown resourceType '{type}': not a FHIR R4 resource.");
            return;
        }

        if (type == "Bundle")
        {
            ReadBundle(element, line, entry, where);
            return;
        }

        if (type == "Parameters")
        {
            ReadParameters(element, line, entry, where);
            return;
        }

        if (NullInAList(element) is { } nullAt)
        {
            // FHIR JSON allows null in a list only beside its '_' twin (primitive extensions); elsewhere the library would fail on access.
            Error(InputIssueCodes.FhirUnreadableResource, line, entry, Field(where, nullAt), $"{type} could not be read: null in a list.");
            return;
        }

        if (!Deserializer.TryDeserializeResource(element.GetRawText(), out var resource, out var issues))
        {
            foreach (var issue in issues)
            {
                var (field, message) = issue is ExtendedCodedException coded ? (coded.InstancePath, coded.BaseErrorMessage) : (null, issue.Message);
                if (field is not null && field.StartsWith(type + ".", StringComparison.Ordinal))
                {
                    field = field[(type.Length + 1)..];
                }

                Error(InputIssueCodes.FhirUnreadableResource, line, entry, Field(where, field), $"{type} could not be read: {message}");
            }

            if (!issues.Any())
            {
                Error(InputIssueCodes.FhirUnreadableResource, line, entry, where, $"{type} could not be read.");
            }

            return;
        }

        if (resource is OperationOutcome outcome && outcome.Issue.Any(IsError))
        {
            Error(InputIssueCodes.FhirErrorAnswer, line, entry, where, $"The server answered with errors, not a medication list: {Said(outcome)}");
            return;
        }

        Resources.Add(new ParsedResource(resource!, fullUrl, line));
    }

    private static bool IsError(OperationOutcome.IssueComponent issue) =>
        issue.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal;

    /// <summary>Every issue of an outcome as the server wrote it: severity and code, diagnostics or details, and where.</summary>
    private static string Said(OperationOutcome outcome) => string.Join("; ", outcome.Issue.Select(issue =>
    {
        var text = string.Join(" ", new[] { issue.Details?.Text, issue.Diagnostics }.Where(t => !string.IsNullOrWhiteSpace(t)));
        var at = issue.Expression.Concat(issue.Location).FirstOrDefault();
        return $"{issue.SeverityElement?.JsonValue ?? "issue"} ({issue.CodeElement?.JsonValue ?? "no code"}): {(text.Length == 0 ? "no text" : text)}"
            + (at is null ? "" : $" at {at.Split(" // ")[0]}");
    }));

    /// <summary>
    /// SFM's <c>$getMedication</c> answer: the document Bundle in the <c>medication</c> parameter, the registry lookups in value
    /// parameters. Resources in other parameters are read too (an OperationOutcome refuses the input); a Parameters with neither a
    /// medication Bundle nor an error is not an answer this reader takes.
    /// </summary>
    private void ReadParameters(JsonElement parameters, int? line, string? entry, string? where)
    {
        var names = new List<string>();
        var answered = false;
        var items = parameters.TryGetProperty("parameter", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];
        for (var i = 0; i < items.Count; i++)
        {
            var here = Field(where, $"parameter[{i}]");
            var name = items[i].ValueKind == JsonValueKind.Object && items[i].TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            names.Add(name);
            if (items[i].ValueKind == JsonValueKind.Object && items[i].TryGetProperty("resource", out var resource))
            {
                var type = resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("resourceType", out var t) ? t.ToString() : null;
                answered |= (name == "medication" && type == "Bundle") || type == "OperationOutcome";
                ReadResource(resource, line, null, here + ".resource");
            }
            else if (!Lookups.Add(name, items[i], out var problem))
            {
                UnreadParameters.Add(name);
            }
            else if (problem is not null)
            {
                Error(InputIssueCodes.FhirUnreadableResource, line, entry, here, problem);
            }
        }

        if (!answered)
        {
            Error(InputIssueCodes.FhirNotAResource, line, entry, Field(where, "parameter"),
                $"A Parameters with no 'medication' Bundle is not an SFM $getMedication answer (its parameters: {(names.Count == 0 ? "none" : string.Join(", ", names))}).");
        }
    }

    private void ReadBundle(JsonElement bundle, int? line, string? entry, string? where)
    {
        var type = bundle.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is null || !BundleTypes.Contains(type))
        {
            Error(InputIssueCodes.FhirNotAResource, line, entry, Field(where, "type"), $"Bundle type '{type}' is not supported; expected one of {string.Join(", ", BundleTypes)}.");
            return;
        }

        SawDocument |= type == "document";
        if (!bundle.TryGetProperty("entry", out var entries))
        {
            return;
        }

        if (entries.ValueKind != JsonValueKind.Array)
        {
            Error(InputIssueCodes.FhirNotAResource, line, entry, Field(where, "entry"), "Bundle.entry must be an array.");
            return;
        }

        var index = 0;
        foreach (var item in entries.EnumerateArray())
        {
            var here = (where is null ? "" : where + ".") + $"entry[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                Error(InputIssueCodes.FhirNotAResource, line, here, here, "A bundle entry must be an object.");
                continue;
            }

            var fullUrl = item.TryGetProperty("fullUrl", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            if (!item.TryGetProperty("resource", out var resource) || resource.ValueKind == JsonValueKind.Null)
            {
                EntriesWithoutResource++;
                continue;
            }

            ReadResource(resource, line, fullUrl, here + ".resource");
        }
    }

    private static string? Field(string? where, string? field) =>
        where is null ? field : field is null ? where : where + "." + field;

    private void Error(string code, int? line, string? entry, string? field, string message) =>
        _errors.Add(new InputError(code, _file, message) { Line = line, Entry = entry, Field = field });
}
