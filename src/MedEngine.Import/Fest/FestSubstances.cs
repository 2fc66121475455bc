using MedEngine.Import.Knowledge;
using MedEngine.Knowledge;

namespace MedEngine.Import.Fest;

/// <summary>
/// Turns FEST Virkestoff into substances. A Virkestoff without its own ATC code takes the level 5 code of the
/// single-substance products that name it, when they agree. Virkestoff with the same ATC code (salts) become one substance;
/// the names of the others become its synonyms.
/// </summary>
internal static class FestSubstances
{
    /// <returns>Virkestoff id → substance key, for the products.</returns>
    public static Dictionary<string, string> Add(FestCatalog catalog, KnowledgeSet set, ImportLog log)
    {
        var inferred = InferAtc(catalog);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var substance in catalog.Substances.Values)
        {
            var atc = AtcCode.IsSubstanceLevel(substance.Atc) ? substance.Atc : inferred.GetValueOrDefault(substance.Id);
            var nameEn = substance.NavnEngelsk.Length > 0 ? substance.NavnEngelsk : substance.Navn;
            var item = $"{substance.Id} {substance.Navn}";
            if (nameEn.Length == 0)
            {
                log.Skip("substance without a name", item, substance.Id);
                continue;
            }

            if (substance.Atc.Length > 0 && !AtcCode.IsSubstanceLevel(substance.Atc))
            {
                log.Skip("substance ATC code not level 5 (ignored)", $"{item} {substance.Atc}", substance.Id);
            }

            var row = new SubstanceRow(atc, nameEn.ToLowerInvariant(), substance.Navn.ToLowerInvariant());
            if (set.Find(row.Key) is { } existing)
            {
                keys[substance.Id] = existing.Key;
                AddNamesAsSynonyms(set, existing.Key, substance, item, log);
            }
            else if (set.AddSubstance(row) is { } refused)
            {
                log.Skip(refused, item, substance.Id);
            }
            else
            {
                keys[substance.Id] = row.Key;
                log.Count("substances");
            }
        }

        return keys;
    }

    private static void AddNamesAsSynonyms(KnowledgeSet set, string key, FestSubstance substance, string item, ImportLog log)
    {
        foreach (var name in new[] { substance.NavnEngelsk, substance.Navn }.Where(n => n.Length > 0))
        {
            if (set.AddSynonym(key, name.ToLowerInvariant()) is { } refused)
            {
                log.Skip("synonym: " + refused, $"{item}: '{name}'", substance.Id);
            }
        }

        log.Count("substances merged into one of the same ATC code");
    }

    private static Dictionary<string, string> InferAtc(FestCatalog catalog)
    {
        var candidates = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var product in catalog.Products.Where(p => AtcCode.IsSubstanceLevel(p.Atc)))
        {
            var ids = product.SubstanceRefs.Select(r => catalog.Strengths.GetValueOrDefault(r, r)).Distinct().ToList();
            if (ids.Count == 1)
            {
                if (!candidates.TryGetValue(ids[0], out var codes))
                {
                    codes = new HashSet<string>(StringComparer.Ordinal);
                    candidates[ids[0]] = codes;
                }

                codes.Add(product.Atc);
            }
        }

        return candidates.Where(c => c.Value.Count == 1).ToDictionary(c => c.Key, c => c.Value.First(), StringComparer.Ordinal);
    }
}
