using MedEngine.Normalization;

namespace MedEngine.Knowledge;

/// <summary>
/// Proposes the knowledge base names whose spelling is within edit distance of the written name: the score is
/// <see cref="Spelling.Similarity"/> (1 minus the Levenshtein distance over the longer length), and a name is proposed from
/// <see cref="Threshold"/> up.
/// </summary>
/// <param name="knowledge">The knowledge base whose names are proposed.</param>
public sealed class EditDistanceProposer(IKnowledgeBase knowledge) : IMatchProposer
{
    /// <summary>The least similarity proposed: 0.75.</summary>
    public const double Threshold = 0.75;

    /// <inheritdoc />
    public IReadOnlyList<PossibleMatch> Propose(string name, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        var matches = new List<PossibleMatch>();
        foreach (var known in knowledge.Names)
        {
            var similarity = Spelling.Similarity(name, known, Threshold);
            if (similarity >= Threshold)
            {
                matches.Add(new PossibleMatch(known, knowledge.FindByName(known)!.Substances, similarity));
            }
        }

        return matches.OrderByDescending(m => m.Similarity).ThenBy(m => m.Name, StringComparer.Ordinal).Take(count).ToList();
    }
}
