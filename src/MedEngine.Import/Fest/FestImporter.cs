using System.Globalization;
using MedEngine.Import.Interactions;
using MedEngine.Import.Knowledge;
using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.Fest;

/// <summary>
/// Imports a FEST M30 file (versions 2.5.1 and 3.5), streamed, into a knowledge base folder and an interaction table:
/// substances (Virkestoff), products (LegemiddelMerkevare), interactions (Interaksjon), the ATC codes not assessed for
/// interactions (InteraksjonIkkeVurdert) and the as-needed maxima (DoseEtterBehov). FEST is NLOD-licensed.
/// </summary>
public static class FestImporter
{
    /// <summary>
    /// Imports <paramref name="m30File"/> into <paramref name="outDirectory"/>: <c>substances.tsv</c>, <c>products.tsv</c>,
    /// <c>salts.txt</c> (the shipped one), <c>interactions.tsv</c>, <c>not-assessed.tsv</c>, <c>dose-prn.tsv</c> and <c>skipped.tsv</c>.
    /// </summary>
    /// <param name="m30File">The M30 XML file.</param>
    /// <param name="outDirectory">The folder to write; created when missing.</param>
    /// <returns>What was imported and skipped; the source names the FEST version and extraction date.</returns>
    /// <exception cref="InputException">The file is not well-formed XML, not an M30 file, or of an unknown version.</exception>
    public static ImportResult Import(string m30File, string outDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(m30File);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        var log = new ImportLog();
        var catalog = FestReader.Read(m30File, log);
        var source = $"FEST {catalog.Version} {catalog.Date}".TrimEnd();
        var set = new KnowledgeSet();
        var substanceKeys = FestSubstances.Add(catalog, set, log);
        FestProducts.Add(catalog, substanceKeys, set, log);
        var collector = new InteractionCollector(log);
        FestInteractions.Add(catalog, collector, source, log);
        var origin = $"{source} ({Path.GetFileName(m30File)})";
        var files = KnowledgeSetWriter.Write(set, outDirectory, origin).ToList();
        var interactions = Path.Combine(outDirectory, "interactions.tsv");
        InteractionTableWriter.Write(interactions, [$"Interactions of {origin}, imported by medengine import fest (docs/knowledge-import.md); texts in Norwegian (bokmål)."], collector.Rows, english: false);
        files.Add(interactions);
        files.Add(WriteNotAssessed(catalog, outDirectory, origin, log));
        files.Add(WritePrnDoses(catalog, outDirectory, origin, log));
        var skipped = Path.Combine(outDirectory, "skipped.tsv");
        SkippedWriter.Write(skipped, origin, log.Skipped);
        files.Add(skipped);
        return log.Result(origin, files);
    }

    private static string WriteNotAssessed(FestCatalog catalog, string directory, string origin, ImportLog log)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var group in catalog.NotAssessed.GroupBy(n => n.Atc, StringComparer.Ordinal))
        {
            var (atc, name, location) = group.First();
            if (!AtcCode.IsValid(atc))
            {
                log.Skip("not-assessed code is not an ATC code", $"'{atc}' {name}", location);
                continue;
            }

            rows.Add([atc, name.ToLowerInvariant()]);
        }

        log.Count("ATC codes not assessed for interactions", rows.Count);
        var path = Path.Combine(directory, "not-assessed.tsv");
        TsvWriter.Write(path, [$"ATC codes FEST has not assessed for interactions (InteraksjonIkkeVurdert), from {origin}: no finding does not mean no interaction."],
            ["atc", "name"], rows);
        return path;
    }

    private static string WritePrnDoses(FestCatalog catalog, string directory, string origin, ImportLog log)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var dose in catalog.PrnDoses)
        {
            var max = decimal.TryParse(dose.MaxPer24Hours.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value.ToString(CultureInfo.InvariantCulture) : string.Empty;
            if (max.Length == 0 && dose.MinIntervalHours.Length == 0)
            {
                log.Skip("DoseEtterBehov without a maximum or an interval", $"{dose.ProductId} {dose.Name}", dose.ProductId);
                continue;
            }

            rows.Add(["fest:" + dose.ProductId, FestProducts.Name(dose.Name), AtcCode.IsValid(dose.Atc) ? dose.Atc : string.Empty, max, max.Length > 0 ? dose.Unit : string.Empty, dose.MinIntervalHours]);
        }

        log.Count("as-needed maxima (dose-prn.tsv)", rows.Count);
        var path = Path.Combine(directory, "dose-prn.tsv");
        TsvWriter.Write(path, [$"As-needed dosing maxima (DoseEtterBehov) from {origin}."],
            ["product", "name", "atc", "max_per_24h", "unit", "min_interval_hours"], rows);
        return path;
    }
}
