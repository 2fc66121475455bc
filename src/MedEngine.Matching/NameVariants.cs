using MedEngine.Knowledge;

namespace MedEngine.Matching;

/// <summary>
/// The misspelt, shortened and reworded names the matcher learns from, generated from the knowledge base's own names with a
/// fixed seed (the same knowledge base gives the same variants): one- and two-letter typos (a letter dropped, doubled, swapped
/// with its neighbour or replaced by a key beside it), another language's spelling (c/k, ph/f, th/t, y/i, x/ks, z/s, a Latin
/// or Romance ending), an abbreviation (the first letters), and for names of more than one word a word missing or a maker's
/// or form word added. A variant that is itself a known name is left out (it resolves exactly).
/// </summary>
internal static class NameVariants
{
    private static readonly string[] Neighbours =
    [
        "qwas", "vghn", "xdfv", "serfcx", "wrsd", "rtdgcv", "tyfhbv", "yugjnb", "uojk", "uihknm", "iolmj", "opk", "njk", "bhjm",
        "iplk", "ol", "wa", "etdf", "awedxz", "ryfg", "yihj", "cfgb", "qeas", "zsdc", "tugh", "xas",
    ];

    private static readonly (string From, string To)[] Spellings =
    [
        ("c", "k"), ("k", "c"), ("ph", "f"), ("f", "ph"), ("th", "t"), ("y", "i"), ("i", "y"), ("x", "ks"), ("ks", "x"),
        ("z", "s"), ("s", "z"), ("ll", "l"), ("l", "ll"), ("tt", "t"), ("mm", "m"), ("ff", "f"), ("ae", "e"), ("o", "oe"),
    ];

    private static readonly string[] Endings = ["e", "a", "um", "o", "ine", "ina"];

    private static readonly string[] ExtraWords = ["sandoz", "mylan", "orion", "teva", "krka", "accord", "actavis", "ratiopharm", "viatris", "zentiva", "depot", "retard", "mite", "forte", "tabl", "mikstur"];

    /// <summary>The variants of every knowledge base name, in a fixed order: (variant, the name it came from).</summary>
    public static IEnumerable<(string Variant, string Name)> Of(IKnowledgeBase knowledge, int seed)
    {
        var random = new Random(seed);
        foreach (var name in knowledge.Names.Order(StringComparer.Ordinal))
        {
            var variants = new List<string>
            {
                Typo(name, random),
                Typo(name, random),
                Typo(Typo(name, random), random),
                Spelling(name, random),
                Spelling(Typo(name, random), random),
            };
            var words = NameNormalizer.Words(name);
            if (name.Length >= 7)
            {
                variants.Add(name[..random.Next(4, Math.Max(5, name.Length - 2))].TrimEnd());
            }

            if (words.Length > 1)
            {
                var dropped = random.Next(words.Length);
                variants.Add(string.Join(' ', words.Where((_, i) => i != dropped)));
            }

            variants.Add(name + " " + ExtraWords[random.Next(ExtraWords.Length)]);
            foreach (var variant in variants.Where(v => v.Length >= 3 && knowledge.FindByName(v) is null).Distinct(StringComparer.Ordinal))
            {
                yield return (variant, name);
            }
        }
    }

    private static string Typo(string name, Random random)
    {
        var letters = Enumerable.Range(0, name.Length).Where(i => char.IsAsciiLetterLower(name[i])).ToList();
        if (letters.Count < 3)
        {
            return name;
        }

        var at = letters[random.Next(letters.Count)];
        var c = name[at];
        return random.Next(4) switch
        {
            0 => name.Remove(at, 1),
            1 => name.Insert(at, c.ToString()),
            2 when at + 1 < name.Length => name[..at] + name[at + 1] + c + name[(at + 2)..],
            _ => name[..at] + Neighbours[c - 'a'][random.Next(Neighbours[c - 'a'].Length)] + name[(at + 1)..],
        };
    }

    private static string Spelling(string name, Random random)
    {
        var applicable = Spellings.Where(s => name.Contains(s.From, StringComparison.Ordinal)).ToList();
        if (applicable.Count == 0 || random.Next(3) == 0)
        {
            return name + Endings[random.Next(Endings.Length)];
        }

        var (from, to) = applicable[random.Next(applicable.Count)];
        var at = name.IndexOf(from, StringComparison.Ordinal);
        return name[..at] + to + name[(at + from.Length)..];
    }
}
