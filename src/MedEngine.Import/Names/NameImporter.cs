using MedEngine.Import.Knowledge;
using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.Names;

/// <summary>
/// Adds international names to a knowledge base, by exact normalized name only (never by similarity). A DrugBank vocabulary
/// record whose common name or one of its synonyms is exactly the English or Norwegian name of one substance gives that
/// substance its other names as synonyms. An NHS, MedlinePlus or MeSH record whose generic name is exactly a name of one
/// substance gives that substance its brands as products. A name that would name two substances is skipped and reported.
/// </summary>
public static class NameImporter
{
    private const int MinimumBrandLength = 3;

    /// <summary>Imports name lists into a copy of a knowledge base: writes <c>substances.tsv</c>, <c>products.tsv</c>, <c>salts.txt</c> and <c>skipped.tsv</c>.</summary>
    /// <param name="files">DrugBank vocabulary and brand-list CSV files, told apart by their header; DrugBank files are applied first.</param>
    /// <param name="knowledgeDirectory">The knowledge base to add to.</param>
    /// <param name="outDirectory">The folder to write; may be the knowledge folder itself.</param>
    /// <returns>What was added and skipped.</returns>
    /// <exception cref="InputException">The knowledge base is invalid or a file is not a known name list.</exception>
    public static ImportResult Import(IReadOnlyList<string> files, string knowledgeDirectory, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrEmpty(knowledgeDirectory);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        var set = KnowledgeSetReader.Read(knowledgeDirectory);
        var lists = files.Select(NameList.Read).OrderBy(l => l.Kind != NameListKind.DrugBank).ToList();
        var log = new ImportLog();
        var primary = set.Substances.SelectMany(s => new[] { (Name: s.NameEn, s.Key), (Name: s.NameNb, s.Key) })
            .Select(n => (Name: NameNormalizer.Normalize(n.Name), n.Key)).Where(n => n.Name.Length > 0)
            .DistinctBy(n => n.Name).ToDictionary(n => n.Name, n => n.Key, StringComparer.Ordinal);
        var synonyms = new Proposals();
        foreach (var record in lists.Where(l => l.Kind == NameListKind.DrugBank).SelectMany(l => l.Records))
        {
            log.CountRead();
            ProposeSynonyms(record, primary, synonyms, log);
        }

        synonyms.Apply(log, "synonyms added", set.Owner, (key, name) => set.AddSynonym(key, name));
        var brands = new Proposals();
        foreach (var record in lists.Where(l => l.Kind != NameListKind.DrugBank).SelectMany(l => l.Records))
        {
            log.CountRead();
            ProposeBrands(record, set, brands, log);
        }

        brands.Apply(log, "brands added (products.tsv)", set.Owner, (key, name) => set.AddProduct(new ProductRow(name, [key], null, null, null, [])));
        var origin = string.Join(", ", files.Select(Path.GetFileName)) + " on " + knowledgeDirectory;
        var written = KnowledgeSetWriter.Write(set, outDirectory, origin, knowledgeDirectory).ToList();
        var skipped = Path.Combine(outDirectory, "skipped.tsv");
        SkippedWriter.Write(skipped, origin, log.Skipped);
        written.Add(skipped);
        return log.Result("name lists " + origin, written);
    }

    private static void ProposeSynonyms(NameRecord record, Dictionary<string, string> primary, Proposals proposals, ImportLog log)
    {
        var names = new[] { record.Name }.Concat(record.OtherNames).Where(n => NameNormalizer.Normalize(n).Length > 0).ToList();
        var hits = names.Select(n => primary.GetValueOrDefault(NameNormalizer.Normalize(n))).OfType<string>().Distinct().ToList();
        if (hits.Count != 1)
        {
            log.Skip(hits.Count == 0 ? "no substance has this name" : "names several substances", record.Name, record.Location);
            return;
        }

        log.Count("records matched to a substance");
        foreach (var name in names)
        {
            proposals.Add(name, hits[0], record);
        }
    }

    private static void ProposeBrands(NameRecord record, KnowledgeSet set, Proposals proposals, ImportLog log)
    {
        var owner = GenericOwner(record.Name, set);
        if (owner is null || owner.Contains('+', StringComparison.Ordinal))
        {
            log.Skip(owner is null ? "generic name not in the knowledge base" : "generic name is several substances", record.Name, record.Location);
            return;
        }

        log.Count("records matched to a substance");
        foreach (var brand in record.OtherNames)
        {
            var normalized = NameNormalizer.Normalize(brand);
            var reason = normalized.Replace(" ", string.Empty, StringComparison.Ordinal).Length < MinimumBrandLength ? "brand shorter than 3 letters"
                : normalized.Any(char.IsDigit) ? "brand has a digit (a code or strength)"
                : brand.Contains(',', StringComparison.Ordinal) ? "brand has a comma (an inverted heading)"
                : set.Makers.Contains(normalized) ? "brand is a maker's name (makers.txt)"
                : null;
            if (reason is not null)
            {
                log.Skip(reason, $"{record.Name}: '{brand}'", record.Location);
            }
            else
            {
                proposals.Add(WithoutTrailingFormWords(normalized), owner, record);
            }
        }
    }

    /// <summary>The substance key the generic name of a brand list names: the name itself, or with trailing form and route words removed.</summary>
    private static string? GenericOwner(string name, KnowledgeSet set)
    {
        var normalized = NameNormalizer.Normalize(name);
        return set.Owner(normalized) ?? set.Owner(WithoutTrailingFormWords(normalized));
    }

    /// <summary>A normalized name without its trailing form and route words (<c>acephen rectal suppository</c> → <c>acephen</c>), keeping the first word.</summary>
    private static string WithoutTrailingFormWords(string normalized)
    {
        var words = NameNormalizer.Words(normalized).ToList();
        while (words.Count > 1 && FormAndRouteWord(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words);
    }

    private static bool FormAndRouteWord(string word) =>
        MedEngine.Normalization.FormAndRoute.NormalizeForm(word) is not null || MedEngine.Normalization.FormAndRoute.NormalizeRoute(word) is not null;
}
