using System.Globalization;
using MedEngine.Import.Knowledge;
using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.Atc;

/// <summary>
/// Imports the WHO ATC index (with DDDs) and optionally Norwegian ATC names into a knowledge base folder: one substance per
/// level 5 code whose name is a single substance, the other codes of the same name as aliases in <c>products.tsv</c>, and
/// <c>ddd.tsv</c>. The WHO data is licensed for non-commercial use: write its output outside the repository.
/// </summary>
public static class AtcImporter
{
    /// <summary>Imports the index into <paramref name="outDirectory"/>: <c>substances.tsv</c>, <c>products.tsv</c>, <c>salts.txt</c>, <c>ddd.tsv</c>, <c>skipped.tsv</c>.</summary>
    /// <param name="atcFile">The WHO ATC index CSV (<c>atc_code,atc_name,ddd,uom,adm_r,note</c>).</param>
    /// <param name="norwegianFile">Norwegian names CSV (<c>atc_code,navn_no</c>), or <see langword="null"/>.</param>
    /// <param name="outDirectory">The folder to write; created when missing.</param>
    /// <returns>What was imported and skipped.</returns>
    /// <exception cref="InputException">A file is malformed.</exception>
    public static ImportResult Import(string atcFile, string? norwegianFile, string outDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(atcFile);
        ArgumentException.ThrowIfNullOrEmpty(outDirectory);
        var index = AtcIndex.Load(atcFile);
        var norwegian = norwegianFile is null ? new Dictionary<string, string>(StringComparer.Ordinal) : NorwegianNames.Load(norwegianFile);
        var log = new ImportLog();
        var set = new KnowledgeSet();
        var aliases = new List<AtcEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in index.Entries)
        {
            log.CountRead();
            if (!AtcCode.IsSubstanceLevel(entry.Code))
            {
                log.Count("classes (levels 1-4)");
            }
            else if (!seen.Add(entry.Code))
            {
                log.Count("further DDD rows of a code");
            }
            else if (!AtcIndex.IsSubstanceName(entry.Name))
            {
                log.Skip("combination or group, not one substance", $"{entry.Code} {entry.Name}", $"{atcFile}");
            }
            else if (index.FindPrimaryCode(NameNormalizer.Normalize(entry.Name)) != entry.Code)
            {
                aliases.Add(entry);
            }
            else if (set.AddSubstance(new SubstanceRow(entry.Code, entry.Name.ToLowerInvariant(), string.Empty)) is { } refused)
            {
                log.Skip(refused, $"{entry.Code} {entry.Name}", atcFile);
            }
            else
            {
                log.Count("substances");
            }
        }

        AddNorwegianNames(set, norwegian, log, norwegianFile);

        foreach (var alias in aliases)
        {
            var primary = index.FindPrimaryCode(NameNormalizer.Normalize(alias.Name))!;
            if (set.Find(primary) is null || set.AddProduct(new ProductRow(alias.Name.ToLowerInvariant(), [primary], alias.Code, null, null, [])) is not null)
            {
                log.Skip("alias code of a name not imported", $"{alias.Code} {alias.Name}", primary);
                continue;
            }

            log.Count("alias codes (products.tsv)");
        }

        var origin = Path.GetFileName(atcFile) + (norwegianFile is null ? string.Empty : " and " + Path.GetFileName(norwegianFile));
        var files = KnowledgeSetWriter.Write(set, outDirectory, origin).ToList();
        var ddd = Path.Combine(outDirectory, "ddd.tsv");
        var dddRows = index.Entries.Where(e => e.Ddd is not null && AtcCode.IsSubstanceLevel(e.Code)).ToList();
        TsvWriter.Write(ddd, [$"WHO defined daily doses from {Path.GetFileName(atcFile)} (non-commercial licence); route as MedEngine's canonical route."],
            ["atc", "ddd", "unit", "route", "note"],
            dddRows.Select(e => (IReadOnlyList<string>)[e.Code, e.Ddd!.Value.ToString(CultureInfo.InvariantCulture), e.Unit ?? string.Empty, DddRoutes.Canonical(e.Route), e.Note ?? string.Empty]));
        log.Count("DDD rows (ddd.tsv)", dddRows.Count);
        files.Add(ddd);
        var skipped = Path.Combine(outDirectory, "skipped.tsv");
        SkippedWriter.Write(skipped, origin, log.Skipped);
        files.Add(skipped);
        return log.Result("WHO ATC index " + origin, files);
    }

    private static void AddNorwegianNames(KnowledgeSet set, Dictionary<string, string> norwegian, ImportLog log, string? file)
    {
        foreach (var (code, name) in norwegian.Where(n => AtcCode.IsSubstanceLevel(n.Key)))
        {
            if (set.Find(code) is null)
            {
                log.Skip("Norwegian name of a code without a substance", $"{code} {name}", file);
            }
            else if (set.SetNameNb(code, name.ToLowerInvariant()) is { } refused)
            {
                log.Skip("Norwegian name: " + refused, $"{code} {name}", file);
            }
            else
            {
                log.Count("substances with a Norwegian name");
            }
        }
    }
}
