using System.Text;

namespace MedEngine.Matching;

/// <summary>
/// Folds the spellings Norwegian, English, Latin and other languages give one drug name onto one form: <c>ph</c> → f,
/// <c>th</c> → t, <c>ch</c> → k, <c>qu</c> → kv, <c>x</c> → ks, <c>c</c> → s before e, i and y and k elsewhere, <c>z</c> → s,
/// <c>y</c> → i, <c>w</c> → v, double letters single, and a Latin or Romance ending (<c>-um</c>, <c>-e</c>, <c>-a</c>, <c>-o</c>)
/// dropped. "Amoxicilline", "amoksicillin" and "amoxicillinum" fold alike.
/// </summary>
internal static class SpellingFold
{
    public static string Fold(string normalized)
    {
        var words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(FoldWord);
        return string.Join(' ', words);
    }

    private static string FoldWord(string word)
    {
        var builder = new StringBuilder(word.Length + 2);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            switch (c)
            {
                case 'p' when next == 'h':
                    builder.Append('f');
                    i++;
                    break;
                case 't' when next == 'h':
                    builder.Append('t');
                    i++;
                    break;
                case 'c' when next == 'h':
                    builder.Append('k');
                    i++;
                    break;
                case 'q' when next == 'u':
                    builder.Append("kv");
                    i++;
                    break;
                case 'x':
                    builder.Append("ks");
                    break;
                case 'c':
                    builder.Append(next is 'e' or 'i' or 'y' ? 's' : 'k');
                    break;
                case 'z':
                    builder.Append('s');
                    break;
                case 'y':
                    builder.Append('i');
                    break;
                case 'w':
                    builder.Append('v');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        var single = new StringBuilder(builder.Length);
        foreach (var c in builder.ToString())
        {
            if (single.Length == 0 || single[^1] != c || char.IsDigit(c))
            {
                single.Append(c);
            }
        }

        var folded = single.ToString();
        if (folded.Length > 5 && folded.EndsWith("um", StringComparison.Ordinal))
        {
            return folded[..^2];
        }

        return folded.Length > 5 && folded[^1] is 'e' or 'a' or 'o' ? folded[..^1] : folded;
    }
}
