using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using MedEngine.Normalization;
using MedEngine.Reconciliation;

namespace MedEngine.Fhir;

/// <summary>
/// Writes a <see cref="ReconciliationResult"/> as a FHIR R4 collection Bundle. Its entries, each with a deterministic <c>urn:uuid</c> fullUrl:
/// <list type="bullet">
/// <item>one MedicationStatement per source entry (identifier <c>https://medengine.no/fhir/source/{sourceId}</c> = entry id; informationSource = the source);</item>
/// <item>one MedicationStatement per line with the proposed state (identifier <c>https://medengine.no/fhir/line</c> = line id; derivedFrom = its source entries);</item>
/// <item>a List "Samstemt legemiddelliste" (current, working, LOINC 10160-0) with one entry per line, flagged <c>agreed</c> or <c>discrepancy</c>
/// in <c>https://medengine.no/fhir/CodeSystem/list-entry-flag</c> (flag text = the proposed status as a MedicationStatement status code);</item>
/// <item>when entries are unresolved, a second List "Ikke samstemte legemidler" with one entry per unresolved entry, flagged <c>unresolved</c> with the reason;</item>
/// <item>one DetectedIssue per discrepancy (see <see cref="DetectedIssueFactory"/>) and one Provenance per line (target = the line's statement,
/// agent = MedEngine as assembler, one entity with role <c>source</c> per source entry).</item>
/// </list>
/// </summary>
internal static class FhirResultWriter
{
    /// <summary>Writes a reconciled list as a collection Bundle.</summary>
    /// <param name="result">The reconciled list.</param>
    /// <param name="time">The clock: the List date, DetectedIssue identified time, Provenance recorded time and Bundle timestamp.</param>
    /// <param name="patientReference">A reference to the patient (for example <c>Patient/123</c>); when <see langword="null"/>, the subject is given by display only.</param>
    /// <returns>The bundle.</returns>
    public static Bundle ToBundle(ReconciliationResult result, TimeProvider time, string? patientReference = null)
    {
        var now = time.GetUtcNow();
        var subject = patientReference is null ? new ResourceReference { Display = "Pasient" } : new ResourceReference(patientReference);
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = now };
        var sources = new Dictionary<(string, string), ResourceReference>();
        ResourceReference AddSource(NormalizedEntry entry)
        {
            var key = (entry.Source.Id, entry.Entry.EntryId);
            if (!sources.TryGetValue(key, out var reference))
            {
                reference = Add(bundle, StatementFactory.ForSourceEntry(entry, subject), BundleUrls.For("source", entry.Source.Id, entry.Entry.EntryId));
                reference.Display = $"{entry.Source.Id}/{entry.Entry.EntryId}";
                sources.Add(key, reference);
            }

            return reference;
        }

        var list = NewList(FhirEvaluationWriter.ListTitle, subject, now);
        var lineReferences = new List<(ReconciledLine Line, ResourceReference Statement)>();
        foreach (var line in result.Lines)
        {
            var derived = line.Entries.Select(e => Copy(AddSource(e))).ToList();
            var statement = Add(bundle, StatementFactory.ForLine(line, subject, derived), BundleUrls.For("line", line.Id));
            lineReferences.Add((line, statement));
            list.Entry.Add(new List.EntryComponent
            {
                Item = statement,
                Flag = Flag(line.Discrepancies.Count == 0 ? "agreed" : "discrepancy", FhirStatusMap.ToStatement(line.Proposed.Status).GetLiteral()),
            });
        }

        Add(bundle, list, BundleUrls.For("list", FhirEvaluationWriter.ListTitle));
        if (result.Unresolved.Count > 0)
        {
            var unresolved = NewList(FhirEvaluationWriter.UnresolvedListTitle, subject, now);
            unresolved.Entry.AddRange(result.Unresolved.Select(u => new List.EntryComponent { Item = Copy(AddSource(u.Entry)), Flag = Flag("unresolved", u.Reason) }));
            Add(bundle, unresolved, BundleUrls.For("list", FhirEvaluationWriter.UnresolvedListTitle));
        }

        var identified = new FhirDateTime(now);
        foreach (var (line, statement) in lineReferences)
        {
            var byEntry = line.Entries.ToDictionary(e => (e.Source.Id, e.Entry.EntryId), AddSource);
            for (var i = 0; i < line.Discrepancies.Count; i++)
            {
                var discrepancy = line.Discrepancies[i];
                var implicated = discrepancy.Entries
                    .Select(e => byEntry.TryGetValue((e.Source, e.EntryId), out var r) ? r : sources.GetValueOrDefault((e.Source, e.EntryId)))
                    .OfType<ResourceReference>()
                    .Select(Copy);
                Add(bundle, DetectedIssueFactory.Create(discrepancy, subject, identified, implicated, Copy(statement)), BundleUrls.For("issue", line.Id, discrepancy.Code, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            Add(bundle, Provenance(line, statement, byEntry, now), BundleUrls.For("provenance", line.Id));
        }

        return bundle;
    }

    private static List NewList(string title, ResourceReference subject, DateTimeOffset now) => new()
    {
        Status = List.ListStatus.Current,
        Mode = ListMode.Working,
        Title = title,
        Code = new CodeableConcept { Coding = [new Coding(FhirSystems.Loinc, FhirSystems.MedicationHistoryLoinc, "History of Medication use Narrative")] },
        Subject = Copy(subject),
        DateElement = new FhirDateTime(now),
    };

    private static Provenance Provenance(ReconciledLine line, ResourceReference statement, Dictionary<(string, string), ResourceReference> entries, DateTimeOffset now)
    {
        var provenance = new Provenance { Target = [Copy(statement)], Recorded = now };
        provenance.Agent.Add(new Provenance.AgentComponent
        {
            Type = new CodeableConcept { Coding = [new Coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "assembler", "Assembler")] },
            Who = new ResourceReference { Display = "MedEngine" },
        });
        provenance.Entity.AddRange(line.Entries.Select(e => new Provenance.EntityComponent
        {
            Role = Hl7.Fhir.Model.Provenance.ProvenanceEntityRole.Source,
            What = Copy(entries[(e.Source.Id, e.Entry.EntryId)]),
        }));
        return provenance;
    }

    private static CodeableConcept Flag(string code, string text) => new() { Coding = [new Coding(FhirSystems.ListEntryFlag, code)], Text = text };

    private static ResourceReference Add(Bundle bundle, Resource resource, string fullUrl)
    {
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = fullUrl, Resource = resource });
        return new ResourceReference(fullUrl);
    }

    private static ResourceReference Copy(ResourceReference reference) => (ResourceReference)reference.DeepCopy();
}
