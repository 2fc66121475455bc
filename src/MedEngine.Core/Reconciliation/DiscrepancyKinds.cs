namespace MedEngine.Reconciliation;

/// <summary>Names of <see cref="DiscrepancyKind"/> as used in JSON and FHIR (<c>omission</c>, <c>dispensed-not-listed</c>...).</summary>
public static class DiscrepancyKinds
{
    /// <summary>The kebab-case name of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The name.</returns>
    public static string ToName(DiscrepancyKind kind) => kind switch
    {
        DiscrepancyKind.DispensedNotListed => "dispensed-not-listed",
        DiscrepancyKind.PossibleMatch => "possible-match",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
