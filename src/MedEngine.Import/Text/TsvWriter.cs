using System.Text;

namespace MedEngine.Import.Text;

/// <summary>Writes the UTF-8, tab-separated files MedEngine reads: <c>#</c> comment lines, a header, one row per line.</summary>
internal static class TsvWriter
{
    public static void Write(string path, IEnumerable<string> comments, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        foreach (var comment in comments)
        {
            writer.WriteLine("# " + Clean(comment));
        }

        writer.WriteLine(string.Join('\t', header));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join('\t', row.Select(Clean)));
        }
    }

    /// <summary>A cell as one line without tabs, trimmed; runs of white space become one space.</summary>
    public static string Clean(string? text) =>
        string.IsNullOrWhiteSpace(text) ? string.Empty : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
