namespace MedEngine.Rules;

/// <summary>What two lines share, for duplicate-therapy rules.</summary>
internal static class DuplicateTherapy
{
    public static bool Shares(DuplicateCondition duplicate, MedicationFact a, MedicationFact b) => duplicate.Same switch
    {
        DuplicateMode.Substance => a.SubstanceKeys.Intersect(b.SubstanceKeys, StringComparer.Ordinal).Any(),
        DuplicateMode.Group => Groups(duplicate, a).Intersect(Groups(duplicate, b), StringComparer.Ordinal).Any(),
        _ => true,
    };

    private static IEnumerable<string> Groups(DuplicateCondition duplicate, MedicationFact fact)
    {
        var length = duplicate.Level switch { 1 => 1, 2 => 3, 3 => 4, _ => 5 };
        return duplicate.Drug.MatchingCodes(fact).Where(c => c.Length >= length && !c.Contains(':', StringComparison.Ordinal)).Select(c => c[..length]);
    }
}
