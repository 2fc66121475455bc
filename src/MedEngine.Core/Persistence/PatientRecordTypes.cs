namespace MedEngine.Persistence;

/// <summary>
/// The types of the events in a patient's log that record what was done with the list rather than change it: the evaluations of
/// the CDS Hooks service and the clinicians' feedback on its cards. A load folds every other event into the session and passes
/// these by; they stay in the log, numbered in order with the rest, for audit ("what did the list say when the doctor prescribed?").
/// </summary>
public static class PatientRecordTypes
{
    /// <summary>One hook call: the findings, which were sent as cards and why the others were not.</summary>
    public const string CdsEvaluation = "cdsEvaluation";

    /// <summary>A clinician's feedback on a card: accepted, or overridden with a reason (which keeps the finding quiet in that context).</summary>
    public const string CdsFeedback = "cdsFeedback";

    /// <summary>Whether events of a type are records that leave the list as it is.</summary>
    /// <param name="type">The stored event's type.</param>
    /// <returns><see langword="true"/> for <see cref="CdsEvaluation"/> and <see cref="CdsFeedback"/>.</returns>
    public static bool IsRecord(string type) => type is CdsEvaluation or CdsFeedback;
}
