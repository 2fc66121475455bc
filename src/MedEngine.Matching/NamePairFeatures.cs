using MedEngine.Knowledge;

namespace MedEngine.Matching;

/// <summary>
/// What the model sees of a written name and a knowledge base name: how much of their character n-grams (2, 3 and 4, padded)
/// they share, their edit similarity as written and with spellings folded (<see cref="SpellingFold"/>), shared beginning and
/// ending, whether one is an abbreviation of the other, and how well their words cover each other (missing or extra words).
/// Every feature is from 0 to 1 and none depends on a particular name, so a model trained on one knowledge base scores names
/// added after it.
/// </summary>
internal static class NamePairFeatures
{
    /// <summary>The number of features.</summary>
    public const int Count = 14;

    /// <summary>The names of the features, in order (for the model file and the documentation).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "edit", "dice2", "dice3", "dice4", "prefix", "prefix3", "length", "edit_folded", "dice3_folded",
        "abbreviation", "written_words_covered", "known_words_covered", "best_word_edit", "suffix3",
    ];

    /// <summary>The features of one pair.</summary>
    /// <param name="written">The written name, normalized, as a <see cref="NameView"/>.</param>
    /// <param name="known">The knowledge base name, as a <see cref="NameView"/>.</param>
    public static float[] Of(NameView written, NameView known)
    {
        var (a, b) = (written.Text, known.Text);
        var prefix = CommonPrefix(a, b);
        return
        [
            (float)Spelling.Similarity(a, b),
            NameGrams.Dice(written.Grams2, known.Grams2),
            NameGrams.Dice(written.Grams3, known.Grams3),
            NameGrams.Dice(written.Grams4, known.Grams4),
            (float)prefix / Math.Max(1, Math.Min(a.Length, b.Length)),
            prefix >= 3 ? 1 : 0,
            (float)Math.Min(a.Length, b.Length) / Math.Max(1, Math.Max(a.Length, b.Length)),
            (float)Spelling.Similarity(written.Folded, known.Folded),
            NameGrams.Dice(written.FoldedGrams3, known.FoldedGrams3),
            IsAbbreviation(written, known) ? 1 : 0,
            Covered(written.Words, known.Words),
            Covered(known.Words, written.Words),
            BestWordSimilarity(written.Words, known.Words),
            a.Length >= 3 && b.Length >= 3 && a[^3..] == b[^3..] ? 1 : 0,
        ];
    }

    private static int CommonPrefix(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i;
    }

    /// <summary>"amlo", "paracet." and "metopr" for amlodipine, paracetamol, metoprolol: one word, at least four letters, the start of a known word.</summary>
    private static bool IsAbbreviation(NameView written, NameView known) =>
        written.Words.Length == 1 && written.Text.Length >= 4 && known.Words.Any(w => w.Length > written.Text.Length && w.StartsWith(written.Text, StringComparison.Ordinal));

    /// <summary>The share of <paramref name="words"/> that have a word in <paramref name="other"/> alike (edit similarity at least 0.8) or that start it.</summary>
    private static float Covered(string[] words, string[] other) =>
        words.Length == 0 ? 0 : (float)words.Count(w => other.Any(o => o.StartsWith(w, StringComparison.Ordinal) || Spelling.Similarity(w, o, 0.8) >= 0.8)) / words.Length;

    private static float BestWordSimilarity(string[] words, string[] other) =>
        words.Length == 0 || other.Length == 0 ? 0 : (float)words.Max(w => other.Max(o => Spelling.Similarity(w, o)));
}

/// <summary>A normalized name with what the features need of it, computed once (the knowledge base's names are viewed when the matcher is built).</summary>
internal sealed class NameView
{
    public NameView(string normalized)
    {
        Text = normalized;
        Words = NameNormalizer.Words(normalized);
        Folded = SpellingFold.Fold(normalized);
        Grams2 = NameGrams.Of(normalized, 2);
        Grams3 = NameGrams.Of(normalized, 3);
        Grams4 = NameGrams.Of(normalized, 4);
        FoldedGrams3 = NameGrams.Of(Folded, 3);
    }

    public string Text { get; }

    public string[] Words { get; }

    public string Folded { get; }

    public HashSet<string> Grams2 { get; }

    public HashSet<string> Grams3 { get; }

    public HashSet<string> Grams4 { get; }

    public HashSet<string> FoldedGrams3 { get; }
}
