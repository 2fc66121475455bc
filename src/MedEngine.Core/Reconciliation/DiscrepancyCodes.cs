namespace MedEngine.Reconciliation;

/// <summary>The stable discrepancy codes. A code is never reused for another meaning.</summary>
public static class DiscrepancyCodes
{
    /// <summary>Missing from one or more clinician lists.</summary>
    public const string Omission = "MR001";
    /// <summary>On older clinician lists, not on the newest clinician-confirmed list.</summary>
    public const string Commission = "MR002";
    /// <summary>Daily doses differ.</summary>
    public const string DoseDiffers = "MR003";
    /// <summary>Frequencies differ, or regular in one and as needed in another.</summary>
    public const string FrequencyDiffers = "MR004";
    /// <summary>Routes differ.</summary>
    public const string RouteDiffers = "MR005";
    /// <summary>Forms differ.</summary>
    public const string FormDiffers = "MR006";
    /// <summary>Stopped, paused or completed in one source, active in another.</summary>
    public const string StatusConflict = "MR007";
    /// <summary>The same substance more than once in one source.</summary>
    public const string Duplication = "MR008";
    /// <summary>Dispensed, on no clinician list.</summary>
    public const string DispensedNotListed = "MR009";
    /// <summary>A list older than a comparable newer list, and disagreeing with it.</summary>
    public const string Stale = "MR010";
    /// <summary>An unresolved entry resembles this line.</summary>
    public const string PossibleMatch = "MR011";
    /// <summary>A dose or frequency that cannot be right (zero, negative, more than 24 times a day, more than 50 units at once).</summary>
    public const string ImplausibleDose = "MR012";

    /// <summary>A source says otherwise since a clinician decided the line (a dispensing of a stopped drug, another dose): the line is re-opened.</summary>
    public const string ContradictsDecision = "MR013";
}
