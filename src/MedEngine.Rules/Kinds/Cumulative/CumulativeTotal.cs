namespace MedEngine.Rules;

/// <summary>The total of a cumulative rule over the patient's lines, and what could not be counted.</summary>
/// <param name="Total">The sum of daily dose × factor (or of points per line).</param>
/// <param name="Counted">Each counted line with its contribution.</param>
/// <param name="NotCounted">Lines of the class whose dose is unknown or that have no factor: not counted, never guessed.</param>
internal sealed record CumulativeTotal(decimal Total, IReadOnlyList<(MedicationFact Line, decimal Amount)> Counted, IReadOnlyList<MedicationFact> NotCounted)
{
    public static CumulativeTotal Of(CumulativeCondition rule, IEnumerable<MedicationFact> lines)
    {
        var counted = new List<(MedicationFact, decimal)>();
        var notCounted = new List<MedicationFact>();
        foreach (var line in lines.OrderBy(l => l.LineId, StringComparer.Ordinal))
        {
            var amount = rule.PerLine ? Factor(rule.Factors, line)
                : line.RateMicrogramsPerHour is { } rate ? Factor(rule.RateFactors, line) * rate
                : Factor(rule.Factors, line) * line.DoseToCheckMg;
            if (amount is { } value)
            {
                counted.Add((line, value));
            }
            else
            {
                notCounted.Add(line);
            }
        }

        return new CumulativeTotal(counted.Sum(c => c.Item2), counted, notCounted);
    }

    /// <summary>The factor of the most specific code or prefix that matches the line.</summary>
    private static decimal? Factor(IReadOnlyDictionary<string, decimal> factors, MedicationFact line)
    {
        var best = factors.Where(f => line.Codes.Any(c => ClinicalCodes.Matches(c, f.Key)))
            .OrderByDescending(f => f.Key.TrimEnd('*').Length).ThenBy(f => f.Key, StringComparer.Ordinal).FirstOrDefault();
        return best.Key is null ? null : best.Value;
    }
}
