using MedEngine.Knowledge;

namespace MedEngine.Import.Knowledge;

/// <summary>
/// A knowledge base being built, with the loader's rules checked as rows are added: one row per substance key, every
/// normalized name names one set of substances, every product code names one product. Each add returns the reason when
/// it is refused, so the importer can report it.
/// </summary>
internal sealed class KnowledgeSet
{
    private readonly Dictionary<string, SubstanceRow> _substances = new(StringComparer.Ordinal);
    private readonly List<SubstanceRow> _substanceOrder = [];
    private readonly List<ProductRow> _products = [];
    private readonly Dictionary<string, string> _nameOwners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _codes = new(StringComparer.Ordinal);

    public IReadOnlyList<SubstanceRow> Substances => _substanceOrder;

    /// <summary>The normalized makers' names of the knowledge base read (<c>makers.txt</c>): never a brand.</summary>
    public IReadOnlySet<string> Makers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<ProductRow> Products => _products;

    public SubstanceRow? Find(string key) => _substances.GetValueOrDefault(key);

    /// <summary>The substance keys (joined by <c>+</c>) a normalized name names, or <see langword="null"/>.</summary>
    public string? Owner(string normalizedName) => _nameOwners.GetValueOrDefault(normalizedName);

    public string? AddSubstance(SubstanceRow row)
    {
        var nameEn = NameNormalizer.Normalize(row.NameEn);
        if (nameEn.Length == 0)
        {
            return "empty name";
        }

        if (row.Atc is not null && !AtcCode.IsSubstanceLevel(row.Atc))
        {
            return "not an ATC level 5 code";
        }

        if (_substances.ContainsKey(row.Key))
        {
            return "substance listed twice";
        }

        if (ConflictingName(nameEn, row.Key) is { } conflict)
        {
            return conflict;
        }

        _substances.Add(row.Key, row);
        _substanceOrder.Add(row);
        _nameOwners[nameEn] = row.Key;
        var nameNb = NameNormalizer.Normalize(row.NameNb);
        if (nameNb.Length > 0 && ConflictingName(nameNb, row.Key) is not null)
        {
            row.NameNb = string.Empty;
        }
        else if (nameNb.Length > 0)
        {
            _nameOwners[nameNb] = row.Key;
        }

        foreach (var synonym in row.Synonyms.ToArray())
        {
            row.Synonyms.Remove(synonym);
            AddSynonym(row.Key, synonym);
        }

        return null;
    }

    /// <summary>Sets the Norwegian name of a substance that has none; <see langword="null"/> when set, else the reason it is refused.</summary>
    public string? SetNameNb(string key, string nameNb)
    {
        var name = NameNormalizer.Normalize(nameNb);
        if (name.Length == 0)
        {
            return "empty name";
        }

        if (ConflictingName(name, key) is { } conflict)
        {
            return conflict;
        }

        _substances[key].NameNb = nameNb;
        _nameOwners[name] = key;
        return null;
    }

    /// <summary>Adds a synonym to a substance; <see langword="null"/> when added or already a name of it, else the reason it is refused.</summary>
    public string? AddSynonym(string key, string synonym)
    {
        var row = _substances[key];
        var name = NameNormalizer.Normalize(synonym);
        if (name.Length == 0)
        {
            return "empty name";
        }

        if (ConflictingName(name, key) is { } conflict)
        {
            return conflict;
        }

        if (_nameOwners.TryAdd(name, key))
        {
            row.Synonyms.Add(Listable(synonym));
        }

        return null;
    }

    public string? AddProduct(ProductRow product)
    {
        var name = NameNormalizer.Normalize(product.Name);
        if (name.Length == 0)
        {
            return "empty name";
        }

        if (product.SubstanceKeys.Count == 0 || product.SubstanceKeys.Any(k => !_substances.ContainsKey(k)))
        {
            return "substance not in substances.tsv";
        }

        var owner = OwnerOf(product.SubstanceKeys);
        if (ConflictingName(name, owner) is { } conflict)
        {
            return conflict;
        }

        if (product.Codes.Any(_codes.Contains))
        {
            return "code already names another product";
        }

        _nameOwners[name] = owner;
        _codes.UnionWith(product.Codes);
        _products.Add(product with { Name = Listable(product.Name) });
        return null;
    }

    public static string OwnerOf(IEnumerable<string> keys) => string.Join('+', keys.Distinct().Order(StringComparer.Ordinal));

    private string? ConflictingName(string name, string owner) =>
        _nameOwners.TryGetValue(name, out var existing) && existing != owner ? "name already names another substance" : null;

    /// <summary>A name as a cell of a <c>;</c>-separated list: lower case, no <c>;</c>.</summary>
    private static string Listable(string name) => name.Replace(';', ',').Trim().ToLowerInvariant();
}
