using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.Knowledge;

/// <summary>Writes a <see cref="KnowledgeSet"/> as the folder <see cref="FileKnowledgeBase.Load(string)"/> reads.</summary>
internal static class KnowledgeSetWriter
{
    /// <summary>Writes <c>substances.tsv</c>, <c>products.tsv</c> and <c>salts.txt</c> (the given text, else the shipped file).</summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<string> Write(KnowledgeSet set, string directory, string origin, string? saltsText = null)
    {
        Directory.CreateDirectory(directory);
        var substances = Path.Combine(directory, "substances.tsv");
        var products = Path.Combine(directory, "products.tsv");
        var salts = Path.Combine(directory, "salts.txt");
        string[] comments = [$"Imported by medengine import from {origin} (see docs/knowledge-import.md); format: docs/knowledge-base.md."];
        TsvWriter.Write(substances, comments, FileKnowledgeBase.SubstanceColumns,
            set.Substances.Select(s => (IReadOnlyList<string>)[s.Atc ?? string.Empty, s.NameEn.ToLowerInvariant(), s.NameNb.ToLowerInvariant(), string.Join(';', s.Synonyms)]));
        TsvWriter.Write(products, comments, FileKnowledgeBase.ProductColumns,
            set.Products.Select(p => (IReadOnlyList<string>)[p.Name, string.Join(';', p.SubstanceKeys.Select(k => set.Find(k)!.Reference)), p.Atc ?? string.Empty,
                p.Form ?? string.Empty, p.Route ?? string.Empty, string.Join(';', p.Codes)]));
        if (saltsText is not null)
        {
            File.WriteAllText(salts, saltsText);
        }
        else
        {
            File.Copy(Path.Combine(FileKnowledgeBase.ShippedDirectory, "salts.txt"), salts, overwrite: true);
        }

        return [substances, products, salts];
    }
}
