using System.Globalization;
using System.Text;

namespace MedEngine.Knowledge;

/// <summary>
/// Normalizes medication names for exact comparison: lower case, Norwegian letters folded (æ → ae, ø → o, å → a),
/// diacritics removed, everything but letters and digits turned into single spaces.
/// </summary>
public static class NameNormalizer
{
    /// <summary>Normalizes a name.</summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The normalized name; empty when nothing is left.</returns>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return string.Empty;
        }

        var decomposed = name.ToLowerInvariant().Replace("æ", "ae", StringComparison.Ordinal)
            .Replace("ø", "o", StringComparison.Ordinal).Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c) || c == '%')
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c == 'µ' ? 'μ' : c);
                pendingSpace = false;
            }
            else
            {
                pendingSpace = true;
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
