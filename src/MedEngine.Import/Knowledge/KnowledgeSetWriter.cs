using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.Knowledge;

/// <summary>Writes a <see cref="KnowledgeSet"/> as the folder <see cref="FileKnowledgeBase.Load(string)"/> reads.</summary>
internal static class KnowledgeSetWriter
{
    /// <summary>
    /// Writes <c>substances.tsv</c> and <c>products.tsv</c>, and copies <c>salts.txt</c> and <c>makers.txt</c> from the
    /// knowledge base the set was read from (else the shipped one).
    /// </summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(KnowledgeSet set, string directory, string origin, string? sourceDirectory = null)
    {
        Directory.CreateDirectory(directory);
        var substances = Path.Combine(directory, "substances.tsv");
        var products = Path.Combine(directory, "products.tsv");
        string[] comments = [$"Imported by medengine import from {origin} (see docs/knowledge-import.md); format: docs/knowledge-base.md."];
        TsvWriter.Write(substances, comments, FileKnowledgeBase.SubstanceColumns,
            set.Substances.Select(s => (IReadOnlyList<string>)[s.Atc ?? string.Empty, s.NameEn.ToLowerInvariant(), s.NameNb.ToLowerInvariant(), string.Join(';', s.Synonyms), s.RxNorm]));
        TsvWriter.Write(products, comments, FileKnowledgeBase.ProductColumns,
            set.Products.Select(p => (IReadOnlyList<string>)[p.Name, string.Join(';', p.SubstanceKeys.Select(k => set.Find(k)!.Reference)), p.Atc ?? string.Empty,
                p.Form ?? string.Empty, p.Route ?? string.Empty, string.Join(';', p.Codes), p.Strengths]));
        string[] copied = ["salts.txt", "makers.txt"];
        foreach (var file in copied)
        {
            var source = Path.GetFullPath(Path.Combine(sourceDirectory ?? FileKnowledgeBase.ShippedDirectory, file));
            var target = Path.GetFullPath(Path.Combine(directory, file));
            if (source != target)
            {
                File.Copy(source, target, overwrite: true);
            }
        }

        return [substances, products, .. copied.Select(f => Path.Combine(directory, f))];
    }
}
