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

    /// <summary>Whether any rule names one of the line's codes or prefixes.</summary>
    public bool Names(MedicationFact line)
    {
        foreach (var code in line.CodesAndPrefixes)
        {
            if (_byCode.ContainsKey(code))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The positions of the rules that name one of the line's codes or prefixes, each once.</summary>
    public IReadOnlyList<int> Candidates(MedicationFact line)
    {
        List<int>? found = null;
        foreach (var code in line.CodesAndPrefixes)
        {
            if (_byCode.TryGetValue(code, out var indexes))
            {
                foreach (var index in indexes)
                {
                    if (!(found ??= []).Contains(index))
                    {
                        found.Add(index);
                    }
                }
            }
        }

        return found ?? (IReadOnlyList<int>)[];
    }
}
