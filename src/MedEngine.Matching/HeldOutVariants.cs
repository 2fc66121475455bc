using System.Text;
using System.Text.Json;
using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Normalization;

namespace MedEngine.Matching;

/// <summary>One real way of writing a drug name that the knowledge base does not resolve exactly, and what it means.</summary>
/// <param name="Source">The list it comes from (<c>oscar</c>, <c>drugbank</c>, <c>nhs</c>, <c>medrec</c>).</param>
/// <param name="Written">The name as written there.</param>
/// <param name="Meant">The substances it means, as their keys joined by '+'.</param>
public sealed record HeldOutVariant(string Source, string Written, string Meant);

/// <summary>
/// The held-out evaluation set: real variants of drug names that nobody generated, read from the public lists in
/// <c>../shared/data</c>, each mapped to the substances it means, and kept only when the knowledge base does not already resolve
/// it exactly (those never reach a proposer). The mapping is never by similarity:
/// <list type="bullet">
/// <item><c>pddi-public/OSCAR_drugref2-DDIs-from-OSCAR.csv</c>: a drug name with the ATC level 5 codes the list gives it, when
/// those the knowledge base knows as a substance all name the same one (a class such as "SALICYLATES" names several; the
/// same drug by other routes, "METOPRALOL" C07AB02 and its combinations, names one);</item>
/// <item><c>drug-names/drugbank_vocabulary.csv</c> and <c>drugs_dictionary_nhs.csv</c>: the other names of a row of which at
/// least one name resolves exactly and all that resolve agree; names of at most three words of letters (no chemical names);</item>
/// <item><c>medrec-herskovic</c>: the other side of a pair the published algorithm matched by identical strings, brand name or
/// ingredients, when that side resolves exactly.</item>
/// </list>
/// </summary>
public static class HeldOutVariants
{
    /// <summary>The folders under the shared data folder that the set is read from.</summary>
    public static IReadOnlyList<string> Folders { get; } = ["pddi-public", "drug-names", "medrec-herskovic"];

    /// <summary>Reads the set, in a fixed order, each written name once per source.</summary>
    /// <param name="sharedData">The shared data folder (<c>../shared/data</c> beside the repository).</param>
    /// <param name="knowledge">The knowledge base.</param>
    /// <returns>The variants.</returns>
    /// <exception cref="InputException">A file is missing.</exception>
    public static IReadOnlyList<HeldOutVariant> Read(string sharedData, IKnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(sharedData);
        ArgumentNullException.ThrowIfNull(knowledge);
        var resolver = new MedicationResolver(knowledge);
        string? Exact(string name)
        {
            var resolution = resolver.ResolveName(name);
            return resolution is null ? null : SubstanceSet.Of(resolution.Substances);
        }

        var variants = new List<HeldOutVariant>();
        variants.AddRange(Oscar(Path.Combine(sharedData, "pddi-public", "OSCAR_drugref2-DDIs-from-OSCAR.csv"), knowledge));
        variants.AddRange(Rows("drugbank", Path.Combine(sharedData, "drug-names", "drugbank_vocabulary.csv"), r => [r[2], .. r[5].Split(" | ")], Exact));
        variants.AddRange(Rows("nhs", Path.Combine(sharedData, "drug-names", "drugs_dictionary_nhs.csv"), r => [r[1], .. r[2].Split('|')], Exact));
        foreach (var file in new[] { "twinlist_sample.json", "uthealth_sample.json" })
        {
            variants.AddRange(MedRec(Path.Combine(sharedData, "medrec-herskovic", file), Exact));
        }

        return variants.Where(v => NameNormalizer.Normalize(v.Written).Length >= 3 && !resolver.Resolve(new MedicationEntry { EntryId = v.Source, Name = v.Written }).IsResolved)
            .DistinctBy(v => (v.Source, NameNormalizer.Normalize(v.Written))).ToList();
    }

    private static IEnumerable<HeldOutVariant> Oscar(string file, IKnowledgeBase knowledge)
    {
        var codes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var cells in Lines(file).Skip(1).Select(l => l.Split('\t')).Where(c => c.Length >= 5))
        {
            foreach (var (name, atc) in new[] { (cells[1], cells[2]), (cells[3], cells[4]) })
            {
                var key = name.Trim();
                if (!codes.TryGetValue(key, out var set))
                {
                    codes[key] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(atc.Trim().ToUpperInvariant());
            }
        }

        foreach (var (name, set) in codes.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var meant = set.Where(AtcCode.IsSubstanceLevel).Select(atc => knowledge.FindByCode(CodeSystem.Atc, atc)).Where(m => m is { Product: null })
                .Select(m => SubstanceSet.Of(m!.Substances)).Distinct(StringComparer.Ordinal).ToList();
            if (meant.Count == 1)
            {
                yield return new HeldOutVariant("oscar", name, meant[0]);
            }
        }
    }

    private static IEnumerable<HeldOutVariant> Rows(string source, string file, Func<string[], string[]> names, Func<string, string?> exact)
    {
        foreach (var cells in Lines(file).Skip(1).Select(Csv))
        {
            var all = names(cells).Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var meant = all.Select(exact).Where(m => m is not null).Distinct(StringComparer.Ordinal).ToList();
            if (meant.Count != 1)
            {
                continue;
            }

            foreach (var name in all.Where(IsDrugName))
            {
                yield return new HeldOutVariant(source, name, meant[0]!);
            }
        }
    }

    private static IEnumerable<HeldOutVariant> MedRec(string file, Func<string, string?> exact)
    {
        using var document = JsonDocument.Parse(ReadAll(file));
        foreach (var pair in document.RootElement.GetProperty("reconciled").EnumerateArray())
        {
            var mechanism = pair.GetProperty("mechanism").GetString() ?? "";
            if (mechanism.Contains("intent", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var names = new[] { "med1", "med2" }.Select(side => pair.GetProperty(side).GetProperty("medicationName").GetString() ?? "").ToList();
            for (var side = 0; side < 2; side++)
            {
                if (exact(names[1 - side]) is { } meant)
                {
                    yield return new HeldOutVariant("medrec", names[side], meant);
                }
            }
        }
    }

    /// <summary>A name as a list would write it: one to three words of letters, hyphens or apostrophes (no chemical names, no codes).</summary>
    private static bool IsDrugName(string name) =>
        name.Length <= 40 && name.All(c => char.IsLetter(c) || c is ' ' or '-' or '\'') && name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3;

    /// <summary>The cells of one CSV line: commas separate, double quotes enclose a cell, two double quotes are one.</summary>
    private static string[] Csv(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    private static string[] Lines(string file) => ReadAll(file).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    private static string ReadAll(string file)
    {
        var (text, error) = InputFiles.ReadText(file);
        return text ?? throw new InputException(error!);
    }
}
