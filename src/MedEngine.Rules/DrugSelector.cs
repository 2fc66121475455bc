namespace MedEngine.Rules;

/// <summary>
/// Which therapy lines a rule means: ATC codes or prefixes (<c>M01A*</c>) and substances named in the rule file (resolved to
/// their keys when the rule is compiled), minus exceptions by ATC, route, form or as-needed use.
/// </summary>
/// <param name="Include">ATC codes, ATC prefixes ending in <c>*</c>, and substance keys; a line matches when one of its substances or its product ATC does.</param>
/// <param name="ExceptAtc">ATC codes or prefixes that do not count.</param>
/// <param name="ExceptRoutes">Canonical routes that do not count (<c>topical</c>, <c>ophthalmic</c>...).</param>
/// <param name="ExceptForms">Canonical forms that do not count (<c>gel</c>, <c>eye drops</c>...).</param>
/// <param name="Description">How the rule file wrote it, for explanations.</param>
/// <param name="UsedLongerThan">When given, only lines used for longer than this (from the sources' start dates) count; a line without a start date does not.</param>
/// <param name="ExceptAsNeeded">Whether lines whose dosage says as needed do not count (<c>except: { use: [as-needed] }</c>); a line whose dosage does not say so counts.</param>
internal sealed record DrugSelector(IReadOnlyList<string> Include, IReadOnlyList<string> ExceptAtc, IReadOnlyList<string> ExceptRoutes, IReadOnlyList<string> ExceptForms, string Description, TreatmentDuration? UsedLongerThan = null, bool ExceptAsNeeded = false)
{
    /// <summary>Whether a line is one the selector means.</summary>
    /// <param name="medication">The line.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool Matches(MedicationFact medication)
    {
        ArgumentNullException.ThrowIfNull(medication);
        return MatchesAny(medication, Include)
            && !MatchesAny(medication, ExceptAtc)
            && (medication.Route is null || !ExceptRoutes.Contains(medication.Route, StringComparer.Ordinal))
            && (medication.Form is null || !ExceptForms.Contains(medication.Form, StringComparer.Ordinal))
            && (UsedLongerThan is null || medication.DaysInUse > UsedLongerThan.Days)
            && !(ExceptAsNeeded && medication.AsNeeded);
    }

    /// <summary>The codes of a line that the selector's includes match.</summary>
    /// <param name="medication">The line.</param>
    /// <returns>The matching codes.</returns>
    public IEnumerable<string> MatchingCodes(MedicationFact medication) =>
        medication.Codes.Where(c => Include.Any(p => ClinicalCodes.Matches(c, p)));

    /// <summary>One lookup per pattern: a prefix (the pattern without its <c>*</c>) among the line's codes and prefixes, or an exact code among its codes.</summary>
    private static bool MatchesAny(MedicationFact medication, IReadOnlyList<string> patterns)
    {
        foreach (var pattern in patterns)
        {
            if (pattern.EndsWith('*') ? medication.HasCodeOrPrefix(pattern.AsSpan(0, pattern.Length - 1)) : medication.HasCode(pattern))
            {
                return true;
            }
        }

        return false;
    }
}
