namespace MedEngine.Matching;

/// <summary>The character n-grams of a normalized name, padded at both ends (<c>^wa</c>, <c>war</c> ... <c>in$</c>).</summary>
internal static class NameGrams
{
    /// <summary>The distinct n-grams of a text with <paramref name="n"/> - 1 padding characters at each end.</summary>
    public static HashSet<string> Of(string text, int n)
    {
        var padded = new string('^', n - 1) + text + new string('$', n - 1);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + n <= padded.Length; i++)
        {
            grams.Add(padded.Substring(i, n));
        }

        return grams;
    }

    /// <summary>Dice's coefficient of two gram sets: twice the shared grams over both counts.</summary>
    public static float Dice(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count + b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count <= b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return 2f * shared / (a.Count + b.Count);
    }
}
