using MedEngine.Model;

namespace MedEngine.Fhir;

/// <summary>
/// Maps FHIR medication statuses to <see cref="EntryStatus"/> and back.
/// <list type="bullet">
/// <item>MedicationStatement: active, completed, entered-in-error, stopped, on-hold, unknown map by name; <c>not-taken</c> → Stopped;
/// <c>intended</c> → Active (the therapy is explicitly meant to be taken; its start date tells when).</item>
/// <item>MedicationRequest: active, on-hold, completed, entered-in-error, stopped, unknown by name; <c>cancelled</c> → Stopped; <c>draft</c> → Unknown.</item>
/// <item>MedicationDispense: completed → Completed; on-hold → OnHold; cancelled, stopped, declined → Stopped (nothing handed over);
/// entered-in-error → EnteredInError; preparation, in-progress, unknown → Unknown.</item>
/// </list>
/// </summary>
internal static class FhirStatusMap
{
    public static EntryStatus FromStatement(string? code) => code switch
    {
        "active" or "intended" => EntryStatus.Active,
        "completed" => EntryStatus.Completed,
        "entered-in-error" => EntryStatus.EnteredInError,
        "stopped" or "not-taken" => EntryStatus.Stopped,
        "on-hold" => EntryStatus.OnHold,
        _ => EntryStatus.Unknown,
    };

    public static EntryStatus FromRequest(string? code) => code switch
    {
        "active" => EntryStatus.Active,
        "on-hold" => EntryStatus.OnHold,
        "cancelled" or "stopped" => EntryStatus.Stopped,
        "completed" => EntryStatus.Completed,
        "entered-in-error" => EntryStatus.EnteredInError,
        _ => EntryStatus.Unknown,
    };

    public static EntryStatus FromDispense(string? code) => code switch
    {
        "completed" => EntryStatus.Completed,
        "on-hold" => EntryStatus.OnHold,
        "cancelled" or "stopped" or "declined" => EntryStatus.Stopped,
        "entered-in-error" => EntryStatus.EnteredInError,
        _ => EntryStatus.Unknown,
    };

    /// <summary>The MedicationStatement status written for an entry status.</summary>
    public static Hl7.Fhir.Model.MedicationStatement.MedicationStatusCodes ToStatement(EntryStatus status) => status switch
    {
        EntryStatus.Active => Hl7.Fhir.Model.MedicationStatement.MedicationStatusCodes.Active,
        EntryStatus.OnHold => Hl7.Fhir.Model.MedicationStatement.MedicationStatusCodes.OnHold,
        EntryStatus.Stopped => Hl7.Fhir.Model.MedicationStatement.MedicationStatusCodes.Stopped,
        EntryStatus.Completed => Hl7.Fhir.Model.MedicationStatement.MedicationStatusCodes.Completed,
        EntryStatus.EnteredInError => Hl7.Fhir.Model.MedicationStatement.MedicationStatusCodes.EnteredInError,
        _ => Hl7.Fhir.Model.MedicationStatement.MedicationStatusCodes.Unknown,
    };
}
