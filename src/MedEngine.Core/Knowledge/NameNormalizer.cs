using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace MedEngine.Knowledge;

/// <summary>
/// Normalizes medication names for exact comparison: lower case, Norwegian letters folded (æ → ae, ø → o, å → a),
/// diacritics removed, everything but letters, digits and % turned into single spaces. The folding is a fixed table, so
/// it gives the same result with or without ICU (invariant globalization).
/// </summary>
public static class NameNormalizer
{
    private static readonly FrozenDictionary<char, string> Folds = new Dictionary<char, string>
    {
        ['æ'] = "ae", ['ø'] = "o", ['œ'] = "oe", ['ß'] = "ss", ['å'] = "a", ['ä'] = "a", ['á'] = "a", ['à'] = "a", ['â'] = "a",
        ['ã'] = "a", ['é'] = "e", ['è'] = "e", ['ê'] = "e", ['ë'] = "e", ['í'] = "i", ['ì'] = "i", ['î'] = "i", ['ï'] = "i",
        ['ó'] = "o", ['ò'] = "o", ['ô'] = "o", ['ö'] = "o", ['õ'] = "o", ['ú'] = "u", ['ù'] = "u", ['û'] = "u", ['ü'] = "u",
        ['ý'] = "y", ['ÿ'] = "y", ['ñ'] = "n", ['ç'] = "c", ['µ'] = "μ",
    }.ToFrozenDictionary();

    /// <summary>Normalizes a name.</summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The normalized name; empty when nothing is left.</returns>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var original in name)
        {
            var c = char.ToLowerInvariant(original);
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (!char.IsLetterOrDigit(c) && c != '%')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            if (Folds.TryGetValue(c, out var folded))
            {
                builder.Append(folded);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Splits a normalized name into its words.</summary>
    /// <param name="normalized">A normalized name.</param>
    /// <returns>The words.</returns>
    public static string[] Words(string normalized) =>
        normalized.Length == 0 ? [] : normalized.Split(' ');
}
