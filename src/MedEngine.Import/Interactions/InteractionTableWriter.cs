using MedEngine.Import.Text;
using MedEngine.Rules;

namespace MedEngine.Import.Interactions;

/// <summary>Writes interaction table rows (<c>docs/interaction-table.md</c>).</summary>
internal static class InteractionTableWriter
{
    /// <summary>
    /// Writes a table. Norwegian texts (FEST) go in the <c>consequence</c>, <c>mechanism</c> and <c>handling</c> columns; English
    /// texts (the public lists) in <c>consequence_en</c>, <c>mechanism_en</c> and <c>handling_en</c>, with the Norwegian columns
    /// left empty, so that a finding in each language shows only that language (the rule's own text where the row has none).
    /// </summary>
    public static void Write(string path, IEnumerable<string> comments, IEnumerable<TableRow> rows, bool english)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        TsvWriter.Write(path, comments, english ? [.. InteractionTable.Columns, .. InteractionTable.EnglishColumns] : InteractionTable.Columns,
            rows.Select(r => english
                ? (IReadOnlyList<string>)[r.A, r.B, r.Severity, "", "", "", r.Evidence, r.Reference, r.Source, r.Consequence, r.Mechanism, r.Handling]
                : [r.A, r.B, r.Severity, r.Consequence, r.Mechanism, r.Handling, r.Evidence, r.Reference, r.Source]));
    }
}
