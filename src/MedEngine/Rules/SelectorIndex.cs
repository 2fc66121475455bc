namespace MedEngine.Rules;

/// <summary>
/// A hash index from the ATC codes and prefixes rules name to the rules: the rules that may concern a line are found with
/// one lookup per code and prefix of the line, whatever the number of rules.
/// </summary>
internal sealed class SelectorIndex
{
    private readonly Dictionary<string, int[]> _byCode;

    /// <summary>Indexes rules by the includes of their selectors.</summary>
    /// <param name="rules">The rules; an index is a position in this list.</param>
    /// <param name="selectors">The selectors of a rule.</param>
    public SelectorIndex(IReadOnlyList<ClinicalRule> rules, Func<ClinicalRule, IEnumerable<DrugSelector>> selectors) =>
        _byCode = rules.SelectMany((rule, index) => selectors(rule).SelectMany(s => s.Include).Select(pattern => (Code: pattern.TrimEnd('*'), index)))
            .GroupBy(x => x.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.index).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>The positions of the rules that name one of the line's codes or prefixes, each once, in order.</summary>
    public IEnumerable<int> Candidates(MedicationFact line)
    {
        var found = new SortedSet<int>();
        foreach (var code in line.CodesAndPrefixes)
        {
            if (_byCode.TryGetValue(code, out var indexes))
            {
                found.UnionWith(indexes);
            }
        }

        return found;
    }
}
