using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MedEngine.Fhir;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Findings;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>FHIR output of findings: one DetectedIssue per finding, with mitigation when overridden, valid R4.</summary>
public sealed class FhirFindingWriterTests
{
    [Fact]
    public void Each_finding_is_a_detected_issue_with_code_severity_implicated_and_the_override_as_mitigation()
    {
        var support = new MedEngineBuilder().UseRulesDirectory(RepositoryPaths.Rules).Build().OpenSession(new PatientContext { BirthDate = new DateOnly(1940, 1, 1) });
        support.Apply(new SourceListReplaced(new SourceList(new MedicationSource("gp", SourceKind.GeneralPractitioner),
        [
            new MedicationEntry { EntryId = "1", Name = "Marevan 2,5 mg tablett", Status = EntryStatus.Active },
            new MedicationEntry { EntryId = "2", Name = "Ibux 400 mg tablett", Status = EntryStatus.Active },
        ])));
        var finding = support.Findings.Single(f => f.RuleId == "MEDENGINE-DDI-0001");
        var decision = new FindingOverride(finding.Key, "enc-1", "will-monitor", "INR on Friday", "Dr. Hansen", DateTimeOffset.UnixEpoch);

        var bundle = new FhirEvaluationWriter(TimeProvider.System, "Patient/p1").ToBundle(new PatientEvaluation(support.List, support.Findings), [decision]);

        var issue = bundle.Entry.Select(e => e.Resource).OfType<DetectedIssue>().Single(i => i.Code!.Coding.Any(c => c.Code == "MEDENGINE-DDI-0001"));
        Assert.Contains(issue.Code!.Coding, c => c.System == FhirSystems.V3ActCode && c.Code == "DRG");
        Assert.Equal(DetectedIssue.DetectedIssueSeverity.High, issue.Severity);
        Assert.Equal(2, issue.Implicated.Count);
        Assert.All(issue.Implicated, r => Assert.Contains(bundle.Entry, e => e.FullUrl == r.Reference));
        Assert.Equal(finding.Explanation, issue.Detail);
        var mitigation = Assert.Single(issue.Mitigation);
        Assert.Equal("will-monitor: INR on Friday", mitigation.Action!.Text);
        Assert.Equal("Dr. Hansen", mitigation.Author!.Display);

        var json = FhirEvaluationWriter.ToJson(bundle);
        var parsed = new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Bundle>(json);
        Assert.Equal(bundle.Entry.Count, parsed.Entry.Count);
    }
}
