using System.Text.RegularExpressions;
using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Units;

namespace MedEngine.Normalization;

/// <summary>
/// Resolves an entry to substances: by code first (known product and ATC codes, then an unknown ATC level 5 code as its own key),
/// then by exact normalized name. A name that is only similar becomes a <see cref="PossibleMatch"/> of the proposer (by default
/// <see cref="EditDistanceProposer"/>), never a resolution.
/// </summary>
internal sealed partial class MedicationResolver(IKnowledgeBase knowledge, IMatchProposer? proposer = null)
{
    private const int MaxPossibleMatches = 3;
    private readonly IMatchProposer _proposer = proposer ?? new EditDistanceProposer(knowledge);

    public MedicationResolution Resolve(MedicationEntry entry)
    {
        foreach (var coding in entry.Codings.Where(c => c.System != CodeSystem.Atc).Concat(entry.Codings.Where(c => c.System == CodeSystem.Atc)))
        {
            if (knowledge.FindByCode(coding.System, coding.Code) is { } byCode)
            {
                return Resolved(byCode, coding.System == CodeSystem.Atc ? ResolutionEvidence.AtcCode : ResolutionEvidence.ProductCode);
            }
        }

        if (entry.Codings.FirstOrDefault(c => c.System == CodeSystem.Atc && AtcCode.IsSubstanceLevel(c.Code.Trim().ToUpperInvariant())) is { } unknownAtc)
        {
            var atc = unknownAtc.Code.Trim().ToUpperInvariant();
            var name = NameNormalizer.Normalize(unknownAtc.Display ?? entry.Name ?? atc);
            return new MedicationResolution
            {
                Substances = [new Substance(atc, atc, name, name, [])],
                Evidence = ResolutionEvidence.UnknownAtcCode,
            };
        }

        var names = new[] { entry.Name }.Concat(entry.Codings.Select(c => c.Display)).Where(n => !string.IsNullOrWhiteSpace(n)).Cast<string>().ToList();
        foreach (var name in names)
        {
            if (ResolveName(name) is { } byName)
            {
                return Resolved(byName, ResolutionEvidence.ExactName);
            }
        }

        if (entry.Substances.Count > 0 && ResolveAll(entry.Substances.Select(s => s.Name)) is { } bySubstances)
        {
            return Resolved(bySubstances, ResolutionEvidence.ExactName);
        }

        if (entry.Name is { } text && FreeText.Read(text, ResolveName, IsFiller, n => knowledge.FindByName(n) is not null) is { } freeText)
        {
            return Resolved(freeText.Match, ResolutionEvidence.ExactName) with { FreeText = freeText.Reading };
        }

        return Unresolved(entry, names);
    }

    private static MedicationResolution Resolved(KnowledgeMatch match, ResolutionEvidence evidence) => new()
    {
        Substances = match.Substances,
        Product = match.Product,
        Evidence = evidence,
    };

    private MedicationResolution Unresolved(MedicationEntry entry, List<string> names)
    {
        var codes = entry.Codings.Count == 0 ? "no code" : "no known code (" + string.Join(", ", entry.Codings.Select(c => $"{c.System} {c.Code}")) + ")";
        if (names.Count == 0 && entry.Substances.Count == 0)
        {
            return new MedicationResolution { UnresolvedReason = $"{codes} and no name." };
        }

        var written = names.Concat(entry.Substances.Select(s => s.Name)).ToList();
        return new MedicationResolution
        {
            UnresolvedReason = $"{codes}, and no exact substance or product name in '{string.Join("', '", written)}'.",
            PossibleMatches = ProposeMatches(written),
        };
    }

    /// <summary>Resolves one name as written: the text without bracketed brands, then each bracketed brand.</summary>
    public KnowledgeMatch? ResolveName(string name)
    {
        var brands = Brackets().Matches(name).Select(m => m.Groups[1].Value).ToList();
        var main = Brackets().Replace(name, " ");
        return ResolveText(main) ?? brands.Select(ResolveText).FirstOrDefault(m => m is not null);
    }

    private KnowledgeMatch? ResolveText(string text)
    {
        if (MatchWords(NameNormalizer.Normalize(text)) is { } whole)
        {
            return whole;
        }

        var parts = CombinationSeparator().Split(text);
        return parts.Length > 1 ? ResolveAll(parts) : null;
    }

    private KnowledgeMatch? ResolveAll(IEnumerable<string> parts)
    {
        var substances = new List<Substance>();
        foreach (var part in parts)
        {
            if (MatchWords(NameNormalizer.Normalize(part)) is not { } match)
            {
                return null;
            }

            substances.AddRange(match.Substances);
        }

        var ordered = substances.Distinct().OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        return ordered.Length == 0 ? null : new KnowledgeMatch(ordered, null);
    }

    /// <summary>
    /// The longest run of words that is exactly a known name, provided every other word is a descriptor, a number or a
    /// salt. The run starts at the first word that is not a descriptor; when nothing matches there and that word is a
    /// salt ("natrium pikosulfat"), the next word is tried.
    /// </summary>
    private KnowledgeMatch? MatchWords(string normalized)
    {
        var words = NameNormalizer.Words(normalized);
        for (var start = Array.FindIndex(words, w => !IsDescriptor(w)); start >= 0 && start < words.Length; start++)
        {
            for (var end = words.Length; end > start; end--)
            {
                if (knowledge.FindByName(string.Join(' ', words[start..end])) is { } match && words[end..].All(IsFiller))
                {
                    return match;
                }
            }

            if (!IsFiller(words[start]))
            {
                break;
            }
        }

        return null;
    }

    private static bool IsDescriptor(string word) =>
        Vocabulary.Descriptors.Contains(word) || word.Any(char.IsDigit) || MeasureUnits.TryParse(word, out _);

    private bool IsFiller(string word) => IsDescriptor(word) || knowledge.IsSalt(word);

    private List<PossibleMatch> ProposeMatches(IEnumerable<string> written)
    {
        var cores = written.Select(w => string.Join(' ', NameNormalizer.Words(NameNormalizer.Normalize(Brackets().Replace(FreeText.NamePart(w), " "))).Where(x => !IsFiller(x))))
            .Where(c => c.Length >= 3).Distinct().ToList();
        var best = new Dictionary<string, PossibleMatch>(StringComparer.Ordinal);
        foreach (var match in cores.SelectMany(core => _proposer.Propose(core, MaxPossibleMatches)))
        {
            if (!best.TryGetValue(match.Name, out var seen) || seen.Similarity < match.Similarity)
            {
                best[match.Name] = match;
            }
        }

        return best.Values.OrderByDescending(m => m.Similarity).ThenBy(m => m.Name, StringComparer.Ordinal).Take(MaxPossibleMatches).ToList();
    }

    [GeneratedRegex(@"\[([^\]]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex Brackets();

    /// <summary>Separators between the parts of a combination: " / ", "+", " og ", " and ", and "/" between two words that are not units.</summary>
    [GeneratedRegex(@"\s+/\s+|\s*\+\s*|\s+og\s+|\s+and\s+|(?<=[a-zæøå]{3})/(?=[a-zæøå]{3})", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CombinationSeparator();
}
