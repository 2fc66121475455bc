using Hl7.Fhir.Model;
using MedEngine.Reconciliation;

namespace MedEngine.Fhir;

/// <summary>
/// Builds one DetectedIssue per discrepancy. Code: a v3-ActCode where one fits (duplication → <c>DUPTHPY</c> Duplicate Therapy Alert,
/// dose → <c>DOSE</c> Dosage problem, frequency → <c>DOSEIVL</c> Dose-Interval Alert; no v3 code for omission, commission, route, form,
/// status, dispensed-not-listed, stale and possible-match), always with the MedEngine code (<c>MR00x</c>, display = the kind).
/// Severity: <c>moderate</c> for every discrepancy (each needs a clinician's look, none is proven harmful), <c>high</c> for
/// an implausible dose (<c>MR012</c>). Implicated: the bundled source entry statements.
/// </summary>
internal static class DetectedIssueFactory
{
    public static DetectedIssue Create(Discrepancy discrepancy, ResourceReference patient, FhirDateTime identified, IEnumerable<ResourceReference> implicated, ResourceReference line)
    {
        var kind = DiscrepancyKinds.ToName(discrepancy.Kind);
        var code = new CodeableConcept { Text = kind };
        if (V3Code(discrepancy.Kind) is { } v3)
        {
            code.Coding.Add(new Coding(FhirSystems.V3ActCode, v3.Code, v3.Display));
        }

        code.Coding.Add(new Coding(FhirSystems.Discrepancy, discrepancy.Code, kind));
        var issue = new DetectedIssue
        {
            Status = ObservationStatus.Final,
            Code = code,
            Severity = discrepancy.Code == DiscrepancyCodes.ImplausibleDose ? DetectedIssue.DetectedIssueSeverity.High : DetectedIssue.DetectedIssueSeverity.Moderate,
            Patient = patient,
            Identified = identified,
            Detail = discrepancy.Detail,
        };
        issue.Implicated.AddRange(implicated);
        issue.Evidence.Add(new DetectedIssue.EvidenceComponent { Detail = [line] });
        return issue;
    }

    internal static (string Code, string Display)? V3Code(DiscrepancyKind kind) => kind switch
    {
        DiscrepancyKind.Duplication => ("DUPTHPY", "Duplicate Therapy Alert"),
        DiscrepancyKind.Dose => ("DOSE", "Dosage problem"),
        DiscrepancyKind.Frequency => ("DOSEIVL", "Dose-Interval Alert"),
        _ => null,
    };
}
