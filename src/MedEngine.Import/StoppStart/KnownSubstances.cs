using MedEngine.Knowledge;
using MedEngine.Rules;

namespace MedEngine.Import.StoppStart;

/// <summary>
/// The ATC codes of the knowledge base's substances and products: a rule's ATC code or prefix is kept only when one of
/// them matches it (as <c>rules check</c> requires), and the examples name a substance that matches.
/// </summary>
internal sealed class KnownSubstances
{
    private readonly List<(string Atc, string Name)> _entries;

    public KnownSubstances(IKnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        var substances = new Dictionary<string, string>(StringComparer.Ordinal);
        var products = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var match in knowledge.Names.Order(StringComparer.Ordinal).Select(knowledge.FindByName).OfType<KnowledgeMatch>())
        {
            foreach (var substance in match.Substances.Where(s => s.Atc is not null))
            {
                substances.TryAdd(substance.Atc!, substance.NameEn);
            }

            if (match.Product is { Atc: { } atc } product)
            {
                products.TryAdd(atc, product.Name);
            }
        }

        _entries = substances.Concat(products.Where(p => !substances.ContainsKey(p.Key)))
            .Select(e => (e.Key, e.Value)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether some substance or product has an ATC code the pattern matches.</summary>
    public bool Knows(string pattern) => _entries.Exists(e => ClinicalCodes.Matches(e.Atc, pattern));

    /// <summary>A substance (or combination product) the selector matches and that is not in <paramref name="used"/>, or <see langword="null"/>.</summary>
    public (string Atc, string Name)? Pick(AtcSelector selector, ICollection<string> used)
    {
        foreach (var pattern in selector.Atc)
        {
            var found = _entries.Find(e => ClinicalCodes.Matches(e.Atc, pattern) && !used.Contains(e.Atc)
                && !selector.Except.Any(x => ClinicalCodes.Matches(e.Atc, x)));
            if (found.Atc is not null)
            {
                used.Add(found.Atc);
                return found;
            }
        }

        return null;
    }
}
