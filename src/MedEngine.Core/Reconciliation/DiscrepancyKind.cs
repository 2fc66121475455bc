namespace MedEngine.Reconciliation;

/// <summary>The kinds of discrepancy between sources (AHRQ MATCH and the reconciliation literature). Names in JSON are in kebab case.</summary>
public enum DiscrepancyKind
{
    /// <summary>The therapy is missing from a clinician list where it should be.</summary>
    Omission,
    /// <summary>The therapy is on older lists but not on the newest clinician-confirmed list: it may have been stopped.</summary>
    Commission,
    /// <summary>The daily dose differs between sources, or a dose is implausible.</summary>
    Dose,
    /// <summary>The frequency differs between sources (including regular versus as needed).</summary>
    Frequency,
    /// <summary>The route differs between sources.</summary>
    Route,
    /// <summary>The pharmaceutical form differs between sources.</summary>
    Form,
    /// <summary>Stopped or paused in one source, active in another.</summary>
    Status,
    /// <summary>The same substance twice in one source, or two products of one substance.</summary>
    Duplication,
    /// <summary>Dispensed by a pharmacy but on no clinician list.</summary>
    DispensedNotListed,
    /// <summary>A list is older than a newer list from a comparable source, and disagrees with it.</summary>
    Stale,
    /// <summary>An unresolved entry's name resembles this therapy: a person must confirm before it is merged.</summary>
    PossibleMatch,

    /// <summary>A source contradicts a clinician's decision on the line since it was made.</summary>
    Contradiction,
}
