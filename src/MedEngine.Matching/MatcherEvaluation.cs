using System.Diagnostics;
using System.Globalization;
using System.Text;
using MedEngine.Knowledge;
using MedEngine.Model;
using MedEngine.Normalization;

namespace MedEngine.Matching;

/// <summary>How one proposer did on the held-out variants.</summary>
/// <param name="Proposer">The proposer's name.</param>
/// <param name="Source">The list the variants come from, or <c>all</c>.</param>
/// <param name="Entries">How many variants.</param>
/// <param name="Top1">The share whose first proposal means the right substances.</param>
/// <param name="Top3">The share with the right substances among the first three proposals.</param>
/// <param name="Proposed">The share that got any proposal.</param>
/// <param name="MicrosecondsPerEntry">The time to resolve and propose, per entry.</param>
public sealed record MatcherScore(string Proposer, string Source, int Entries, double Top1, double Top3, double Proposed, double MicrosecondsPerEntry);

/// <summary>
/// Runs proposers on the held-out variants through the resolver itself (each variant as an entry's name, as a list would
/// give it), in the same run, and scores their proposals: right when the proposal's substances are the ones the variant means.
/// </summary>
public static class MatcherEvaluation
{
    /// <summary>Scores each proposer, overall and per source.</summary>
    /// <param name="knowledge">The knowledge base.</param>
    /// <param name="variants">The held-out variants (<see cref="HeldOutVariants.Read"/>).</param>
    /// <param name="proposers">The proposers by name, in the order to report them.</param>
    /// <returns>The scores: for each proposer, all sources first, then each source.</returns>
    public static IReadOnlyList<MatcherScore> Run(IKnowledgeBase knowledge, IReadOnlyList<HeldOutVariant> variants, IReadOnlyList<(string Name, IMatchProposer Proposer)> proposers)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(variants);
        ArgumentNullException.ThrowIfNull(proposers);
        var scores = new List<MatcherScore>();
        foreach (var (name, proposer) in proposers)
        {
            var resolver = new MedicationResolver(knowledge, proposer);
            var entries = variants.Select((v, i) => new MedicationEntry { EntryId = "v" + i.ToString(CultureInfo.InvariantCulture), Name = v.Written }).ToList();
            resolver.Resolve(entries[0]);
            var watch = Stopwatch.StartNew();
            var results = entries.Select(resolver.Resolve).ToList();
            watch.Stop();
            var perEntry = watch.Elapsed.TotalMicroseconds / Math.Max(1, entries.Count);
            var outcomes = variants.Zip(results, (v, r) => (v.Source, Rank: Rank(v.Meant, r.PossibleMatches), Any: r.PossibleMatches.Count > 0)).ToList();
            scores.Add(Score(name, "all", outcomes, perEntry));
            scores.AddRange(outcomes.GroupBy(o => o.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Score(name, g.Key, [.. g], perEntry)));
        }

        return scores;
    }

    /// <summary>The scores as a table: proposer, source, top-1, top-3, share proposed, µs per entry, n.</summary>
    /// <param name="scores">The scores.</param>
    /// <returns>The table, one line per score.</returns>
    public static string Table(IEnumerable<MatcherScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var text = new StringBuilder();
        text.AppendLine("proposer        source     top-1   top-3   proposed  µs/entry      n");
        foreach (var s in scores)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{s.Proposer,-15} {s.Source,-9} {s.Top1,6:P1} {s.Top3,7:P1} {s.Proposed,9:P1} {s.MicrosecondsPerEntry,9:F0} {s.Entries,6}");
        }

        return text.ToString();
    }

    /// <summary>The 1-based place of the first proposal meaning the right substances, or 0 when none does.</summary>
    private static int Rank(string meant, IReadOnlyList<PossibleMatch> proposals)
    {
        for (var i = 0; i < proposals.Count; i++)
        {
            if (SubstanceSet.Of(proposals[i].Substances) == meant)
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static MatcherScore Score(string proposer, string source, List<(string Source, int Rank, bool Any)> outcomes, double perEntry)
    {
        double n = Math.Max(1, outcomes.Count);
        return new MatcherScore(proposer, source, outcomes.Count, outcomes.Count(o => o.Rank == 1) / n, outcomes.Count(o => o.Rank is >= 1 and <= 3) / n,
            outcomes.Count(o => o.Any) / n, perEntry);
    }
}
