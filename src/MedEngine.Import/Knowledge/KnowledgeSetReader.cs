using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.Knowledge;

/// <summary>Reads a knowledge base folder into a <see cref="KnowledgeSet"/> to add to it, after the loader has accepted it.</summary>
internal static class KnowledgeSetReader
{
    /// <exception cref="InputException">The folder is not a valid knowledge base.</exception>
    public static KnowledgeSet Read(string directory)
    {
        var set = new KnowledgeSet { Makers = FileKnowledgeBase.Load(directory).Makers };
        foreach (var cells in Rows(Path.Combine(directory, "substances.tsv")))
        {
            var row = new SubstanceRow(cells[0].Length > 0 ? cells[0] : null, cells[1], cells[2]) { RxNorm = cells[4] };
            row.Synonyms.AddRange(cells[3].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            set.AddSubstance(row);
        }

        foreach (var cells in Rows(Path.Combine(directory, "products.tsv")))
        {
            var keys = Split(cells[1]).Select(k => set.Find(k) is not null ? k : "name:" + NameNormalizer.Normalize(k)).ToArray();
            set.AddProduct(new ProductRow(cells[0], keys, Empty(cells[2]), Empty(cells[3]), Empty(cells[4]), Split(cells[5])) { Strengths = cells[6] });
        }

        return set;
    }

    private static IEnumerable<string[]> Rows(string path) =>
        DelimitedReader.Read(path, '\t', quoted: false)
            .Where(r => !r.Fields[0].StartsWith('#') && r.Fields.Any(f => f.Trim().Length > 0))
            .Skip(1)
            .Select(r => r.Fields.Select(f => f.Trim()).ToArray());

    private static string[] Split(string text) => text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Empty(string text) => text.Length == 0 ? null : text;
}
