using MedEngine.Knowledge;
using MedEngine.Units;

namespace MedEngine.Normalization;

/// <summary>
/// Reads a medication written as one free text, the way patients and home-care notes write it ("Pinex 500 mg 2 tabletter
/// ved behov", "Lipitor 20 mg om kvelden"): the medication's name first, then strength, form, dosage and site. The name is
/// the longest run of words from the start that ends in a name word and resolves exactly; nothing is resolved on
/// similarity, and the rest is kept as written for the dosage parser and for the reader. The rest must start like a
/// strength, form or dosage and must not name another medication or more than one strength, so "Marevan pluss" and
/// "Paracetamol 500 mg og noe ukjent 30 mg" (perhaps a combination) stay unresolved.
/// </summary>
internal static class FreeText
{
    /// <summary>The most words read from a free text; a longer text is not searched for a name (it is kept unresolved).</summary>
    private const int MaxWords = 40;

    /// <summary>Words that start the dosage part of a text, so the name part of an unresolved text can be proposed for.</summary>
    private static readonly HashSet<string> DosageStarts = new(StringComparer.Ordinal)
    {
        "ved", "v", "vb", "om", "etter", "hver", "mot", "x", "morgen", "kveld", "natt", "daglig", "pa", "prn", "at", "as",
        "once", "twice", "daily", "every", "take", "ta", "tas", "inntil", "maks",
    };

    /// <summary>Resolves the longest leading run of words that names a medication, when words follow it.</summary>
    /// <param name="text">The entry's name as written.</param>
    /// <param name="resolve">Exact resolution of a name (<see cref="MedicationResolver.ResolveName"/>).</param>
    /// <param name="isFiller">Whether a normalized word is a strength, form, packaging or salt word, which cannot end a name.</param>
    /// <param name="isKnownName">Whether a normalized text is exactly a known name ("voltaren gel" ends in a form word and is a product).</param>
    /// <returns>The match and how the text was read, or <see langword="null"/> when no leading run resolves.</returns>
    public static (KnowledgeMatch Match, FreeTextReading Reading)? Read(string text, Func<string, KnowledgeMatch?> resolve, Func<string, bool> isFiller, Func<string, bool> isKnownName)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || words.Length > MaxWords)
        {
            return null;
        }

        for (var end = words.Length - 1; end >= 1; end--)
        {
            var name = string.Join(' ', words[..end]);
            if (!IsNameWord(words[end - 1]) || NameNormalizer.Words(NameNormalizer.Normalize(words[end - 1])) is not [.., var last]
                || (isFiller(last) && !isKnownName(NameNormalizer.Normalize(name))) || !IsDosagePart(words[end..], isFiller, isKnownName))
            {
                continue;
            }

            if (resolve(name) is { } match)
            {
                return (match, new FreeTextReading(name, string.Join(' ', words[end..])));
            }
        }

        return null;
    }

    /// <summary>The words of a text before its first number or dosage word: what to propose names for when it does not resolve.</summary>
    /// <param name="text">A name as written.</param>
    /// <returns>The leading words, or the whole text when the first word already is a number or dosage word.</returns>
    public static string NamePart(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var end = words.Length < 2 ? -1 : Array.FindIndex(words, 1, w => !IsNameWord(w) || DosageStarts.Contains(NameNormalizer.Normalize(w)));
        return end < 0 ? text : string.Join(' ', words[..end]);
    }

    /// <summary>Whether the words after a name read as strength, form and dosage: they start with a number, a form, unit or salt word or a dosage word, name no known medication, and give at most one strength.</summary>
    private static bool IsDosagePart(string[] rest, Func<string, bool> isFiller, Func<string, bool> isKnownName)
    {
        var first = NameNormalizer.Normalize(rest[0]);
        var startsAsDosage = !IsNameWord(rest[0]) || DosageStarts.Contains(first) || NameNormalizer.Words(first).All(isFiller);
        var strengths = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            var word = NameNormalizer.Normalize(rest[i]);
            if (word.Length >= 4 && !DosageStarts.Contains(word) && !isFiller(word) && isKnownName(word))
            {
                return false;
            }

            if (i + 1 < rest.Length && !IsNameWord(rest[i]) && MeasureUnits.TryParse(rest[i + 1], out var unit)
                && unit.Dimension is Dimension.Mass or Dimension.InternationalUnits or Dimension.AmountOfSubstance)
            {
                strengths++;
            }
        }

        return startsAsDosage && strengths <= 1;
    }

    /// <summary>Whether a word can end a medication's name: it has a letter and no digit ("500", "½", "2x" cannot).</summary>
    private static bool IsNameWord(string word) => word.Any(char.IsLetter) && !word.Any(c => char.IsDigit(c) || c == '½');
}
