using System.Text;

namespace MedEngine.Testing;

/// <summary>
/// Mutates a JSON document the way a broken sending system or an attacker would: truncation, character flips, a value
/// swapped for a huge, tiny or odd number, digits that are not ASCII, a lone surrogate escape, a key repeated, a value of
/// another type, deep nesting. Deterministic for a seed, so a failing case can be replayed.
/// </summary>
internal static class JsonMutator
{
    private static readonly string[] Values =
    [
        "1e28", "-1e28", "1e-28", "0", "-1", "0.0000000000000000000000000001", "79228162514264337593543950335", "123456789012345678901234567890",
        "\"1e28 mg\"", "\"0 mg\"", "\"1e-28 h\"", "\"١x٢\"", "\"１x２\"", "\"٣ mg\"", "\"\\ud800\"", "\"\\udc00x\"", "null", "true", "[]", "{}", "[null]",
        "123", "\"\"", "\"12:00\"", "\"1/2/3\"", "\"2026-13-45\"", "\"99999999999999999999999 mg\"", "\"1x99999999999999999999999999999\"",
        "\"½x½\"", "\"0x0\"", "\"1e28 mg x 3\"", "\"99999999999 mg 1x3\"", "\"1 tablett hver 0 time\"", "\"0,0000000000000000000000000001 mg\"",
        "\"1-0-1-0\"", "\"2000000000x2000000000\"", "\"1 x 2 x 3 x 4\"", "\"-1 tablett\"", "\"1e-28 mg\"", "\"1 mg/0 ml\"", "\"1 tablett hver 0. time\"", "\"" + new string('9', 400) + "\"",
    ];

    /// <summary>Fields whose values reach arithmetic (doses, strengths, frequencies, weights, lab values, dates).</summary>
    private static readonly string[] Arithmetic = ["\"dosageText\"", "\"dose\"", "\"strength\"", "\"timesPerDay\"", "\"weightKg\"", "\"value\"", "\"birthDate\"", "\"lastConfirmed\"", "\"start\""];

    private static readonly string[] Keys = ["\"entries\"", "\"status\"", "\"id\"", "\"name\"", "\"dose\"", "\"dosageText\"", "\"source\"", "\"patient\""];

    /// <summary>One mutated copy of <paramref name="json"/>: one to three mutations chosen by <paramref name="seed"/>.</summary>
    public static string Mutate(string json, int seed)
    {
        var random = new Random(seed);
        var text = json;
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            text = random.Next(10) switch
            {
                8 or 9 => ReplaceField(text, random, Arithmetic[random.Next(Arithmetic.Length)], Values[random.Next(Values.Length)]),
                0 => text[..random.Next(text.Length + 1)],
                1 => Flip(text, random),
                2 or 3 => ReplaceValue(text, random, Values[random.Next(Values.Length)]),
                4 => RepeatKey(text, random),
                5 => Nest(text, random),
                6 => ReplaceValue(text, random, random.Next(2) == 0 ? "{\"x\": 1}" : "[1, \"a\", null]"),
                _ => InsertString(text, random),
            };
        }

        return text;
    }

    private static string Flip(string text, Random random)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        var at = random.Next(text.Length);
        builder[at] = "{}[]\",:0123456789eE.-\\ \u00e6\u0661\uff11"[random.Next(24)];
        return builder.ToString();
    }

    /// <summary>Replaces the value after a random colon (a string, a number, a literal, or a whole object or array).</summary>
    private static string ReplaceValue(string text, Random random, string value)
    {
        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':').ToList();
        if (colons.Count == 0)
        {
            return text;
        }

        var start = colons[random.Next(colons.Count)] + 1;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        var end = ValueEnd(text, start);
        return text[..start] + value + text[end..];
    }

    /// <summary>Replaces the value of one occurrence of a field (by its key), when the document has it.</summary>
    private static string ReplaceField(string text, Random random, string key, string value)
    {
        var found = new List<int>();
        for (var at = text.IndexOf(key, StringComparison.Ordinal); at >= 0; at = text.IndexOf(key, at + 1, StringComparison.Ordinal))
        {
            found.Add(at);
        }

        if (found.Count == 0)
        {
            return text;
        }

        var colon = text.IndexOf(':', found[random.Next(found.Count)]);
        var start = colon + 1;
        while (start < text.Length && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        return text[..start] + value + text[ValueEnd(text, start)..];
    }

    private static int ValueEnd(string text, int start)
    {
        if (start >= text.Length)
        {
            return start;
        }

        if (text[start] == '"')
        {
            var i = start + 1;
            while (i < text.Length && text[i] != '"')
            {
                i += text[i] == '\\' ? 2 : 1;
            }

            return Math.Min(i + 1, text.Length);
        }

        if (text[start] is '{' or '[')
        {
            var depth = 0;
            var inString = false;
            for (var i = start; i < text.Length; i++)
            {
                var c = text[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c is '{' or '[')
                {
                    depth++;
                }
                else if (c is '}' or ']' && --depth == 0)
                {
                    return i + 1;
                }
            }

            return text.Length;
        }

        var end = start;
        while (end < text.Length && text[end] is not (',' or '}' or ']'))
        {
            end++;
        }

        return end;
    }

    /// <summary>Repeats a key of the document right after its first occurrence, with another value.</summary>
    private static string RepeatKey(string text, Random random)
    {
        var key = Keys[random.Next(Keys.Length)];
        var at = text.IndexOf(key + ":", StringComparison.Ordinal);
        if (at < 0)
        {
            at = text.IndexOf(key + " :", StringComparison.Ordinal);
        }

        if (at < 0)
        {
            return text;
        }

        var open = text.LastIndexOf('{', at);
        return open < 0 ? text : text[..(open + 1)] + key + ": " + Values[random.Next(Values.Length)] + ", " + text[(open + 1)..];
    }

    private static string Nest(string text, Random random)
    {
        var depth = random.Next(2) == 0 ? 70 : 5_000;
        return ReplaceValue(text, random, new string('[', depth) + new string(']', depth));
    }

    private static string InsertString(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        string[] inserts = ["\\ud800", "\u0000", "\uFEFF", "\"", "\\", "\u00e6\u00f8\u00e5", "\\u0000"];
        return text[..at] + inserts[random.Next(inserts.Length)] + text[at..];
    }
}
