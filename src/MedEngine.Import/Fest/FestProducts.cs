using MedEngine.Import.Knowledge;
using MedEngine.Knowledge;
using MedEngine.Normalization;

namespace MedEngine.Import.Fest;

/// <summary>
/// Turns LegemiddelMerkevare into products: the name is the Varenavn in lower case without strength or form words, and every
/// merkevare of one name becomes one product with all their <c>fest:ID</c> codes (form and route kept when they agree).
/// </summary>
internal static class FestProducts
{
    public static void Add(FestCatalog catalog, IReadOnlyDictionary<string, string> substanceKeys, KnowledgeSet set, ImportLog log)
    {
        var byName = new Dictionary<string, List<(FestProduct Product, string[] Keys)>>(StringComparer.Ordinal);
        foreach (var product in catalog.Products)
        {
            var item = $"{product.Id} {product.Varenavn}";
            var name = Name(product.Varenavn);
            var refs = product.SubstanceRefs.Select(r => catalog.Strengths.GetValueOrDefault(r, r)).ToList();
            var keys = refs.Select(r => substanceKeys.GetValueOrDefault(r)).ToList();
            if (name.Length == 0)
            {
                log.Skip("product without a name", item, product.Location);
            }
            else if (keys.Any(k => k is null))
            {
                log.Skip("product names an unknown or skipped substance", item, product.Location);
            }
            else if (keys.Count == 0 && !(AtcCode.IsSubstanceLevel(product.Atc) && set.Find(product.Atc) is not null))
            {
                log.Skip("product without substances", item, product.Location);
            }
            else
            {
                var resolved = keys.Count > 0 ? keys.Cast<string>().Distinct().Order(StringComparer.Ordinal).ToArray() : [product.Atc];
                if (!byName.TryGetValue(name, out var group))
                {
                    group = [];
                    byName[name] = group;
                }

                group.Add((product, resolved));
            }
        }

        foreach (var (name, group) in byName)
        {
            AddGroup(name, group, set, log);
        }
    }

    private static void AddGroup(string name, List<(FestProduct Product, string[] Keys)> group, KnowledgeSet set, ImportLog log)
    {
        var keys = group[0].Keys;
        var same = group.Where(g => g.Keys.SequenceEqual(keys)).ToList();
        foreach (var (product, _) in group.Except(same))
        {
            log.Skip("product name names other substances in another merkevare", $"{product.Id} {product.Varenavn}", product.Location);
        }

        var products = same.Select(g => g.Product).ToList();
        var atc = products.Select(p => p.Atc).FirstOrDefault(a => AtcCode.IsValid(a) && (keys.Length > 1 || a != keys[0]));
        var form = Agreed(products.Select(p => p.Form.ToLowerInvariant()));
        var route = Agreed(products.Select(p => FormAndRoute.NormalizeRoute(p.Route) ?? p.Route.ToLowerInvariant()));
        var row = new ProductRow(name, keys, atc, form, route, products.Select(p => "fest:" + p.Id).Distinct().ToList());
        if (set.AddProduct(row) is { } refused)
        {
            log.Skip(refused, $"{name} ({string.Join(", ", products.Select(p => p.Id))})", products[0].Location);
            return;
        }

        log.Count("products");
    }

    /// <summary>The Varenavn without strength (from the first word that starts with a digit) and without trailing form words.</summary>
    public static string Name(string varenavn)
    {
        var words = NameNormalizer.Words(NameNormalizer.Normalize(varenavn)).TakeWhile(w => !char.IsDigit(w[0])).ToList();
        while (words.Count > 1 && FormAndRoute.NormalizeForm(words[^1]) is not null)
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Join(' ', words);
    }

    private static string? Agreed(IEnumerable<string> values)
    {
        var distinct = values.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1 && distinct[0].Length > 0 ? distinct[0] : null;
    }
}
