using MedEngine.Knowledge;
using MedEngine.Normalization;

namespace MedEngine.Matching;

/// <summary>
/// Proposes knowledge base names for an unresolved name with the learned <see cref="MatcherModel"/>: the names sharing the
/// most character trigrams with it (as written and with spellings folded) are scored by the model, the best name of each
/// substance (or combination) is kept, and those scoring at least <see cref="Threshold"/> are proposed, best first. The score is
/// the model's calibrated probability. It proposes only: the entry stays unresolved until a person confirms a match.
/// </summary>
public sealed class LearnedMatchProposer : IMatchProposer
{
    /// <summary>The least score proposed: 0.5, where the model finds a match as likely as not.</summary>
    public const double Threshold = 0.5;

    private readonly MatcherModel _model;
    private readonly CandidateIndex _index;

    /// <summary>Creates a proposer over a knowledge base with a trained model.</summary>
    /// <param name="knowledge">The knowledge base whose names are proposed.</param>
    /// <param name="model">The model.</param>
    public LearnedMatchProposer(IKnowledgeBase knowledge, MatcherModel model)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _index = new CandidateIndex(knowledge);
    }

    /// <summary>The proposer over the shipped knowledge base, with the model shipped beside it (<see cref="MatcherModel.FileName"/> in <see cref="FileKnowledgeBase.ShippedDirectory"/>).</summary>
    /// <param name="knowledge">The knowledge base (the shipped one, or one the model was trained for).</param>
    /// <returns>The proposer.</returns>
    /// <exception cref="InputException">The model file is missing or unreadable.</exception>
    public static LearnedMatchProposer LoadShipped(IKnowledgeBase knowledge) =>
        new(knowledge, MatcherModel.Load(Path.Combine(FileKnowledgeBase.ShippedDirectory, MatcherModel.FileName)));

    /// <inheritdoc />
    public IReadOnlyList<PossibleMatch> Propose(string name, int count)
    {
        ArgumentNullException.ThrowIfNull(name);
        var written = new NameView(name);
        var best = new Dictionary<string, PossibleMatch>(StringComparer.Ordinal);
        foreach (var candidate in _index.Candidates(written))
        {
            var score = _model.Score(NamePairFeatures.Of(written, candidate));
            var substances = _index.SubstancesOf(candidate);
            var key = SubstanceSet.Of(substances);
            if (score >= Threshold && (!best.TryGetValue(key, out var seen) || seen.Similarity < score))
            {
                best[key] = new PossibleMatch(candidate.Text, substances, score);
            }
        }

        return best.Values.OrderByDescending(m => m.Similarity).ThenBy(m => m.Name, StringComparer.Ordinal).Take(count).ToList();
    }
}
