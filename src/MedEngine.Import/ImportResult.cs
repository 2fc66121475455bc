using System.Globalization;
using System.Text;

namespace MedEngine.Import;

/// <summary>What one import read, wrote and skipped, with counts.</summary>
public sealed class ImportResult
{
    internal ImportResult(string source, int read, IReadOnlyDictionary<string, int> counts, IReadOnlyList<SkippedItem> skipped, IReadOnlyList<string> files)
    {
        Source = source;
        Read = read;
        Counts = counts;
        Skipped = skipped;
        Files = files;
        SkippedByReason = skipped.GroupBy(s => s.Reason, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
    }

    /// <summary>What was imported, such as <c>FEST 2.5.1 (M30.xml)</c>.</summary>
    public string Source { get; }

    /// <summary>How many records (rows, catalogue entries) were read.</summary>
    public int Read { get; }

    /// <summary>What was imported, by kind (<c>substances</c>, <c>products</c>, <c>interactions</c>...), and other figures such as <c>unique pairs</c>.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; }

    /// <summary>Every record, name or pair that was not imported, with the reason.</summary>
    public IReadOnlyList<SkippedItem> Skipped { get; }

    /// <summary>The number of skipped items per reason, most frequent first.</summary>
    public IReadOnlyDictionary<string, int> SkippedByReason { get; }

    /// <summary>The files written.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>A few lines for a person: source, records read, counts, skipped by reason, files.</summary>
    /// <returns>The summary.</returns>
    public string Summary()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Source}: {Read} read").AppendLine();
        foreach (var (kind, count) in Counts)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {kind}: {count}").AppendLine();
        }

        text.Append(CultureInfo.InvariantCulture, $"  skipped: {Skipped.Count}").AppendLine();
        foreach (var (reason, count) in SkippedByReason)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {count,7}  {reason}").AppendLine();
        }

        foreach (var file in Files)
        {
            text.Append("  wrote ").AppendLine(file);
        }

        return text.ToString();
    }
}
