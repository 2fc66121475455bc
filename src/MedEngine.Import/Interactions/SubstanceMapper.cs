using MedEngine.Import.Atc;
using MedEngine.Knowledge;

namespace MedEngine.Import.Interactions;

/// <summary>
/// Maps a drug name to an interaction table side by exact normalized name, never by similarity: the knowledge base first
/// (with salt words removed on a second try), then the primary level 5 code of the name in the ATC index, when one is given.
/// </summary>
internal sealed class SubstanceMapper(IKnowledgeBase knowledge, AtcIndex? atcIndex)
{
    public const string NotFound = "name not in the knowledge base or ATC index";
    public const string Combination = "name is a combination product";

    private readonly Dictionary<string, (string? Side, string? Reason)> _cache = new(StringComparer.Ordinal);

    /// <summary>The side (<c>B01AA03</c> or <c>name:grapefruit</c>) a name maps to, or <see langword="null"/> with the reason.</summary>
    public string? Map(string name, out string? reason)
    {
        var normalized = NameNormalizer.Normalize(name);
        if (!_cache.TryGetValue(normalized, out var mapped))
        {
            mapped = Lookup(normalized);
            _cache[normalized] = mapped;
        }

        reason = mapped.Reason;
        return mapped.Side;
    }

    /// <summary>The distinct names that did not map.</summary>
    public int UnmappedNames => _cache.Values.Count(v => v.Side is null);

    private (string? Side, string? Reason) Lookup(string normalized)
    {
        var withoutSalts = string.Join(' ', NameNormalizer.Words(normalized).Where(w => !knowledge.IsSalt(w)));
        foreach (var candidate in new[] { normalized, withoutSalts }.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (knowledge.FindByName(candidate) is { } match)
            {
                return match.Substances.Count == 1 ? (match.Substances[0].Key, null) : (null, Combination);
            }

            if (atcIndex?.FindPrimaryCode(candidate) is { } code)
            {
                return (code, null);
            }
        }

        return (null, NotFound);
    }
}
