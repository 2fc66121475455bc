using MedEngine.Import.Text;

namespace MedEngine.Import.Interactions;

/// <summary>Writes interaction table rows (<c>docs/interaction-table.md</c>).</summary>
internal static class InteractionTableWriter
{
    public static void Write(string path, IEnumerable<string> comments, IEnumerable<TableRow> rows)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        TsvWriter.Write(path, comments, MedEngine.Rules.InteractionTable.Columns,
            rows.Select(r => (IReadOnlyList<string>)[r.A, r.B, r.Severity, r.Consequence, r.Mechanism, r.Handling, r.Evidence, r.Reference, r.Source]));
    }
}
