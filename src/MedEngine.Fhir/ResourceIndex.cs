using Hl7.Fhir.Model;

namespace MedEngine.Fhir;

/// <summary>Finds the resources of one input by reference: contained (<c>#id</c>), by bundle fullUrl, or by <c>Type/id</c>.</summary>
internal sealed class ResourceIndex
{
    private readonly Dictionary<string, Resource> _byUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Resource> _byTypeAndId = new(StringComparer.Ordinal);

    public ResourceIndex(IEnumerable<ParsedResource> resources)
    {
        foreach (var parsed in resources)
        {
            if (parsed.FullUrl is not null)
            {
                _byUrl.TryAdd(parsed.FullUrl, parsed.Resource);
            }

            if (parsed.Resource.Id is not null)
            {
                _byTypeAndId.TryAdd(parsed.Resource.TypeName + "/" + parsed.Resource.Id, parsed.Resource);
            }
        }
    }

    public Resource? Resolve(ResourceReference? reference, DomainResource? container = null)
    {
        var text = reference?.Reference;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.StartsWith('#'))
        {
            return container?.Contained.FirstOrDefault(r => r.Id == text[1..]);
        }

        if (_byUrl.TryGetValue(text, out var found))
        {
            return found;
        }

        return TypeAndId(text) is { } key && _byTypeAndId.TryGetValue(key, out found) ? found : null;
    }

    /// <summary>The patient key of a subject reference: the referenced Patient's id, else the id in the reference, else its identifier value.</summary>
    public string? PatientKey(ResourceReference? reference)
    {
        if (reference is null)
        {
            return null;
        }

        if (Resolve(reference) is Patient patient)
        {
            return patient.Id ?? Uuid(reference.Reference);
        }

        var text = reference.Reference;
        if (!string.IsNullOrWhiteSpace(text))
        {
            return TypeAndId(text) is { } key ? key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..] : Uuid(text) ?? text;
        }

        return reference.Identifier?.Value;
    }

    /// <summary>The patient key of a Patient resource found in the input.</summary>
    public static string? PatientKey(Patient patient, string? fullUrl) => patient.Id ?? Uuid(fullUrl) ?? fullUrl;

    private static string? Uuid(string? text) =>
        text is not null && text.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase) ? text[9..] : null;

    /// <summary><c>Type/id</c> from a relative or absolute reference (a version suffix is ignored).</summary>
    private static string? TypeAndId(string reference)
    {
        var path = reference.Split('?')[0];
        var history = path.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0)
        {
            path = path[..history];
        }

        var parts = path.Split('/');
        return parts.Length >= 2 && ModelInfo.IsKnownResource(parts[^2]) ? parts[^2] + "/" + parts[^1] : null;
    }
}
