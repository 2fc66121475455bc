namespace MedEngine.Knowledge;

/// <summary>How alike two spellings are, for proposing what a misspelt name was meant to be (never for merging on its own).</summary>
public static class Spelling
{
    /// <summary>1 minus the Levenshtein distance divided by the longer length: 1 for the same text, 0 for nothing alike.</summary>
    /// <param name="a">One text.</param>
    /// <param name="b">The other.</param>
    /// <param name="minimum">Below this the answer is 0 without computing (texts whose lengths alone rule it out).</param>
    /// <returns>The similarity, from 0 to 1.</returns>
    public static double Similarity(string a, string b, double minimum = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var longer = Math.Max(a.Length, b.Length);
        if (longer == 0 || Math.Abs(a.Length - b.Length) > longer * (1 - minimum))
        {
            return longer == 0 ? 1 : 0;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return 1.0 - (double)previous[b.Length] / longer;
    }

    /// <summary>The known text most like what was written (ignoring case), when it is alike enough.</summary>
    /// <param name="written">What was written.</param>
    /// <param name="known">The texts it could have meant.</param>
    /// <param name="minimum">The least similarity to propose (0.6 by default).</param>
    /// <returns>The closest, or <see langword="null"/>.</returns>
    public static string? Closest(string written, IEnumerable<string> known, double minimum = 0.6)
    {
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(known);
        var lowered = written.ToLowerInvariant();
        return known.Select(k => (Text: k, Score: Similarity(lowered, k.ToLowerInvariant(), minimum)))
            .Where(c => c.Score >= minimum && c.Score < 1 || c.Text.Equals(written, StringComparison.OrdinalIgnoreCase) && c.Text != written)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Text, StringComparer.Ordinal).Select(c => c.Text).FirstOrDefault();
    }

    /// <summary>" Did you mean 'X'?" for the closest known text, or an empty string when none is alike.</summary>
    /// <param name="written">What was written.</param>
    /// <param name="known">The texts it could have meant.</param>
    /// <returns>The sentence, with a leading space, or empty.</returns>
    public static string DidYouMean(string written, IEnumerable<string> known) => Closest(written, known) is { } closest ? $" Did you mean '{closest}'?" : "";
}
