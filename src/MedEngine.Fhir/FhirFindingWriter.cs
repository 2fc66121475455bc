using Hl7.Fhir.Model;
using MedEngine.Findings;

namespace MedEngine.Fhir;

/// <summary>
/// Adds decision-support findings to a bundle written by <see cref="FhirResultWriter.ToBundle"/>: one DetectedIssue per finding.
/// <list type="bullet">
/// <item><c>code</c>: a v3-ActCode where one fits (interaction → <c>DRG</c> Drug Interaction Alert, duplicate → <c>DUPTHPY</c>,
/// dose-limit and cumulative → <c>DOSEH</c> High Dose Alert), always with the rule id in <see cref="FhirSystems.Rule"/> (display = the title);</item>
/// <item><c>severity</c>: contraindicated and avoid → <c>high</c>, caution → <c>moderate</c>, info → <c>low</c>;</item>
/// <item><c>implicated</c>: the bundled source entry statements behind the finding; <c>evidence</c>: the reconciled line statements;</item>
/// <item><c>detail</c>: the finding's explanation; <c>reference</c>: none (references are in the detail's source rule);</item>
/// <item><c>mitigation</c>, when the finding was overridden: one per override, action coded in <see cref="FhirSystems.FindingMitigation"/> with
/// the reason as text, the date, and the author by display.</item>
/// </list>
/// </summary>
internal static class FhirFindingWriter
{
    /// <summary>Adds one DetectedIssue per finding to the bundle.</summary>
    /// <param name="bundle">A bundle from <see cref="FhirResultWriter.ToBundle"/> for the same reconciled list.</param>
    /// <param name="findings">The findings.</param>
    /// <param name="overrides">The overrides recorded for the patient; those whose key matches a finding become its mitigation.</param>
    /// <param name="time">The clock, for <c>identified</c>.</param>
    /// <param name="patientReference">The patient reference, as given to <see cref="FhirResultWriter.ToBundle"/>.</param>
    /// <returns>The same bundle.</returns>
    public static Bundle AddFindings(Bundle bundle, IEnumerable<Finding> findings, IEnumerable<FindingOverride> overrides, TimeProvider time, string? patientReference = null)
    {
        var overridesByKey = overrides.ToLookup(o => o.FindingKey, StringComparer.Ordinal);
        var present = bundle.Entry.Select(e => e.FullUrl).ToHashSet(StringComparer.Ordinal);
        var identified = new FhirDateTime(time.GetUtcNow());
        foreach (var finding in findings)
        {
            var issue = new DetectedIssue
            {
                Status = ObservationStatus.Final,
                Code = Code(finding),
                Severity = finding.Severity switch
                {
                    Severity.Contraindicated or Severity.Avoid => DetectedIssue.DetectedIssueSeverity.High,
                    Severity.Caution => DetectedIssue.DetectedIssueSeverity.Moderate,
                    _ => DetectedIssue.DetectedIssueSeverity.Low,
                },
                Patient = patientReference is null ? new ResourceReference { Display = "Pasient" } : new ResourceReference(patientReference),
                Identified = identified,
                Detail = finding.Explanation,
            };
            foreach (var entry in finding.Entries)
            {
                var url = BundleUrls.For("source", entry.Source, entry.EntryId);
                if (present.Contains(url))
                {
                    issue.Implicated.Add(new ResourceReference(url) { Display = $"{entry.Source}/{entry.EntryId}" });
                }
            }

            var lines = finding.LineIds.Select(id => BundleUrls.For("line", id)).Where(present.Contains).Select(url => new ResourceReference(url)).ToList();
            if (lines.Count > 0)
            {
                issue.Evidence.Add(new DetectedIssue.EvidenceComponent { Detail = lines });
            }

            foreach (var decision in overridesByKey[finding.Key])
            {
                issue.Mitigation.Add(new DetectedIssue.MitigationComponent
                {
                    Action = new CodeableConcept
                    {
                        Coding = [new Coding(FhirSystems.FindingMitigation, "overridden", "Overridden by a clinician")],
                        Text = decision.Comment is null ? decision.Reason : $"{decision.Reason}: {decision.Comment}",
                    },
                    DateElement = new FhirDateTime(decision.At),
                    Author = decision.By is null ? null : new ResourceReference { Display = decision.By },
                });
            }

            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = BundleUrls.For("finding", finding.Key), Resource = issue });
        }

        return bundle;
    }

    private static CodeableConcept Code(Finding finding)
    {
        var code = new CodeableConcept { Text = finding.Title.En };
        (string Code, string Display)? v3 = finding.Category switch
        {
            FindingCategory.Interaction => ("DRG", "Drug Interaction Alert"),
            FindingCategory.DuplicateTherapy => ("DUPTHPY", "Duplicate Therapy Alert"),
            FindingCategory.HighDose => ("DOSEH", "High Dose Alert"),
            _ => null,
        };
        if (v3 is { } c)
        {
            code.Coding.Add(new Coding(FhirSystems.V3ActCode, c.Code, c.Display));
        }

        code.Coding.Add(new Coding(FhirSystems.Rule, finding.RuleId, finding.Title.En));
        return code;
    }
}
