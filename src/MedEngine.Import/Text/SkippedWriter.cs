namespace MedEngine.Import.Text;

/// <summary>Writes the skipped items of an import as a tab-separated file (reason, item, location).</summary>
internal static class SkippedWriter
{
    public static void Write(string path, string source, IEnumerable<SkippedItem> skipped) =>
        TsvWriter.Write(path, ["Not imported from " + source + ", with the reason."], ["reason", "item", "location"],
            skipped.Select(s => (IReadOnlyList<string>)[s.Reason, s.Item, s.Location ?? string.Empty]));
}
