using MedEngine.Knowledge;

namespace MedEngine.Matching;

/// <summary>
/// The knowledge base's names indexed by their character trigrams, as written and with spellings folded: the names that share
/// the most trigrams with a written name are the only ones the model scores, so its cost per entry does not grow with every
/// name in the knowledge base.
/// </summary>
internal sealed class CandidateIndex
{
    /// <summary>How many names the model scores for one written name.</summary>
    public const int Size = 40;

    private readonly IKnowledgeBase _knowledge;
    private readonly List<NameView> _names;
    private readonly Dictionary<string, List<int>> _byGram = new(StringComparer.Ordinal);

    public CandidateIndex(IKnowledgeBase knowledge)
    {
        _knowledge = knowledge;
        _names = knowledge.Names.Order(StringComparer.Ordinal).Select(n => new NameView(n)).ToList();
        for (var i = 0; i < _names.Count; i++)
        {
            foreach (var gram in Keys(_names[i]))
            {
                if (!_byGram.TryGetValue(gram, out var list))
                {
                    _byGram[gram] = list = [];
                }

                list.Add(i);
            }
        }
    }

    /// <summary>The substances a known name means.</summary>
    public IReadOnlyList<Substance> SubstancesOf(NameView known) => _knowledge.FindByName(known.Text)!.Substances;

    /// <summary>The names sharing the most trigrams with the written name (relative to both names' trigrams), best first, ties by name.</summary>
    public IEnumerable<NameView> Candidates(NameView written)
    {
        var keys = Keys(written).ToList();
        var shared = new Dictionary<int, int>();
        foreach (var gram in keys)
        {
            if (_byGram.TryGetValue(gram, out var list))
            {
                foreach (var i in list)
                {
                    shared[i] = shared.GetValueOrDefault(i) + 1;
                }
            }
        }

        return shared.Select(p => (Index: p.Key, Score: 2.0 * p.Value / (keys.Count + _names[p.Key].Grams3.Count + _names[p.Key].FoldedGrams3.Count)))
            .OrderByDescending(c => c.Score).ThenBy(c => c.Index).Take(Size).Select(c => _names[c.Index]);
    }

    private static IEnumerable<string> Keys(NameView view) => view.Grams3.Select(g => "w" + g).Concat(view.FoldedGrams3.Select(g => "f" + g));
}
