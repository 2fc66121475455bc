using MedEngine.Import.Atc;
using MedEngine.Import.Text;
using MedEngine.Knowledge;

namespace MedEngine.Import.Interactions;

/// <summary>
/// Imports a public interaction list into an interaction table (<c>docs/interaction-table.md</c>). Each list's severities are
/// mapped to MedEngine's scale and drug names to ATC codes by exact normalized name (knowledge base, then ATC index), never
/// by similarity; rows that cannot be mapped are skipped with the reason (<c>docs/knowledge-import.md</c>).
/// </summary>
public static class InteractionImporter
{
    /// <summary>Imports one list (one or more files of it) into one table file.</summary>
    /// <param name="kind">Which list the files are.</param>
    /// <param name="files">The list's files (DDInter has one per ATC group).</param>
    /// <param name="outFile">The table to write.</param>
    /// <param name="knowledge">The knowledge base names are mapped with first.</param>
    /// <param name="atcIndex">The WHO ATC index names are mapped with next (and OSCAR's codes checked against), or <see langword="null"/>.</param>
    /// <param name="skippedFile">Where to write the skipped rows with their reasons (tab-separated), or <see langword="null"/>.</param>
    /// <returns>What was imported and skipped; <see cref="ImportResult.Counts"/> has <c>interactions</c>, <c>unmapped names</c>, and for DDInter <c>unique pairs</c> and <c>unique pairs mapped to ATC</c>.</returns>
    /// <exception cref="InputException">A file is not the list it should be.</exception>
    public static ImportResult Import(InteractionListKind kind, IReadOnlyList<string> files, string outFile, IKnowledgeBase knowledge, AtcIndex? atcIndex, string? skippedFile = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrEmpty(outFile);
        ArgumentNullException.ThrowIfNull(knowledge);
        IInteractionList list = kind switch
        {
            InteractionListKind.OncHighPriority => OncList.HighPriority,
            InteractionListKind.OncNonInterruptive => OncList.NonInterruptive,
            InteractionListKind.Oscar => new OscarList(),
            InteractionListKind.Ansm => new AnsmList(),
            InteractionListKind.DdInter => new DdInterList(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var log = new ImportLog();
        var collector = new InteractionCollector(log);
        var mapper = new SubstanceMapper(knowledge, atcIndex);
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        var mappedPairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var pair in list.Read(file, log))
            {
                var a = Side(pair.A, mapper, atcIndex, out var reasonA);
                var b = Side(pair.B, mapper, atcIndex, out var reasonB);
                if (pair.PairId is { } id)
                {
                    pairs.Add(id);
                    if (a is not null && b is not null && !a.StartsWith("name:", StringComparison.Ordinal) && !b.StartsWith("name:", StringComparison.Ordinal))
                    {
                        mappedPairs.Add(id);
                    }
                }

                if (a is null || b is null)
                {
                    log.Skip((reasonA ?? reasonB)!, a is null ? $"{pair.Item}: '{pair.A.Text}'" : $"{pair.Item}: '{pair.B.Text}'", pair.Location);
                    continue;
                }

                collector.Add(new TableRow(a, b, pair.Severity, pair.Consequence, pair.Mechanism, pair.Handling, string.Empty, pair.Reference, list.Source),
                    pair.Item, pair.Location);
            }
        }

        log.Count("unmapped names", mapper.UnmappedNames);
        if (kind == InteractionListKind.DdInter)
        {
            log.Count("unique pairs", pairs.Count);
            log.Count("unique pairs mapped to ATC", mappedPairs.Count);
        }

        InteractionTableWriter.Write(outFile,
            [$"{list.Source} imported by medengine import interactions from {string.Join(", ", files.Select(Path.GetFileName))}; severities and names mapped as docs/knowledge-import.md says; texts in English (consequence_en, mechanism_en, handling_en), the Norwegian columns empty."],
            collector.Rows, english: true);
        if (skippedFile is not null)
        {
            SkippedWriter.Write(skippedFile, list.Source, log.Skipped);
        }

        return log.Result(list.Source, skippedFile is null ? [outFile] : [outFile, skippedFile]);
    }

    private static string? Side(ListSide side, SubstanceMapper mapper, AtcIndex? atcIndex, out string? reason)
    {
        if (!side.IsAtc)
        {
            return mapper.Map(side.Text, out reason);
        }

        var code = side.Text.Trim().ToUpperInvariant();
        reason = !AtcCode.IsValid(code) ? "not an ATC code"
            : atcIndex is not null && !atcIndex.Contains(code) ? "ATC code not in the ATC index"
            : null;
        return reason is not null ? null : AtcCode.IsSubstanceLevel(code) ? code : code + "*";
    }
}
