using MedEngine.Model;
using Xunit;

namespace MedEngine.Fhir.Tests;

public class FhirInputReaderBundleTests
{
    [Theory]
    [InlineData("collection")]
    [InlineData("searchset")]
    public void Bundle_types_give_one_source_per_resource_type(string type)
    {
        var json = FhirSamples.Bundle(type, FhirSamples.Request("rx-1"), FhirSamples.Statement("ms-1"), FhirSamples.Dispense("d-1"));

        var result = new FhirInputReader().Read(json, "kjernejournal.json");

        var patient = Assert.Single(result.Patients);
        Assert.Equal("p1", patient.Patient?.Id);
        Assert.Equal(["kjernejournal", "kjernejournal-dispenses", "kjernejournal-requests"], patient.Lists.Select(l => l.Source.Id));
        Assert.Equal([SourceKind.Unknown, SourceKind.Dispensing, SourceKind.Prescriptions], patient.Lists.Select(l => l.Source.Kind));
        Assert.All(patient.Lists, l => Assert.Single(l.Entries));
    }

    [Fact]
    public void Transaction_bundle_reads_entry_resources_and_counts_entries_without_one()
    {
        var json = $$$"""
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"fullUrl":"urn:uuid:1","resource":{{{FhirSamples.Request("rx-1")}}},"request":{"method":"POST","url":"MedicationRequest"}},
              {"request":{"method":"DELETE","url":"MedicationRequest/old"}}]}
            """;

        var result = new FhirInputReader().Read(json, "tx.json");

        Assert.Equal("rx-1", Assert.Single(Assert.Single(Assert.Single(result.Patients).Lists).Entries).EntryId);
        Assert.Equal(1, result.Skipped["Bundle.entry (no resource)"]);
    }

    [Fact]
    public void A_single_resource_is_read()
    {
        var result = new FhirInputReader().Read(FhirSamples.Statement("ms-1", informationSource: "Patient/p1"), "patient-list.json");

        var list = Assert.Single(Assert.Single(result.Patients).Lists);
        Assert.Equal(new MedicationSource("patient-list", SourceKind.PatientReported), list.Source);
        var entry = Assert.Single(list.Entries);
        Assert.Equal("lisinopril 10 MG Oral Tablet", entry.Name);
        Assert.Equal(new MedicationCoding(CodeSystem.RxNorm, "314076", "lisinopril 10 MG Oral Tablet"), Assert.Single(entry.Codings));
    }

    [Fact]
    public void Kind_override_puts_every_medication_resource_in_one_source()
    {
        var json = FhirSamples.Bundle("collection", FhirSamples.Request("rx-1"), FhirSamples.Dispense("d-1"));

        var list = Assert.Single(Assert.Single(new FhirInputReader().Read(json, "dir/gp.json", SourceKind.GeneralPractitioner).Patients).Lists);

        Assert.Equal(new MedicationSource("gp", SourceKind.GeneralPractitioner), list.Source);
        Assert.Equal(["rx-1", "d-1"], list.Entries.Select(e => e.EntryId));
    }

    [Fact]
    public void Ndjson_is_detected_by_content_and_patients_are_ordered_with_no_subject_first()
    {
        var noSubject = """{"resourceType":"MedicationRequest","id":"rx-9","status":"active","intent":"order","medicationCodeableConcept":{"text":"Ibux"}}""";
        var content = string.Join("\n", FhirSamples.OneLine(FhirSamples.Request("rx-2", patient: "b")), FhirSamples.OneLine(FhirSamples.Request("rx-1", patient: "a")), noSubject, "");

        var result = new FhirInputReader().Read(content, "export.json");

        Assert.Equal([null, "a", "b"], result.Patients.Select(p => p.Patient?.Id));
        Assert.Equal(["rx-9", "rx-1", "rx-2"], result.Patients.Select(p => p.Lists.Single().Entries.Single().EntryId));
    }

    [Fact]
    public void Unsupported_resource_types_are_counted_not_lost()
    {
        var content = string.Join("\n",
            FhirSamples.OneLine(FhirSamples.Request("rx-1")),
            """{"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"}}""",
            """{"resourceType":"Encounter","id":"e2","status":"finished","class":{"code":"AMB"}}""",
            """{"resourceType":"Immunization","id":"i1","status":"completed","vaccineCode":{"text":"flu"},"patient":{"reference":"Patient/p1"},"occurrenceDateTime":"2020-01-01"}""");

        var result = new FhirInputReader().Read(content, "mixed.ndjson");

        Assert.Equal(2, result.Skipped["Encounter"]);
        Assert.Equal(1, result.Skipped["Immunization"]);
        Assert.Equal(3, result.SkippedCount);
    }

    [Fact]
    public void Sfm_document_sections_decide_the_source_kinds()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "sfm-getmedication.json");

        var result = new FhirInputReader().Read(File.ReadAllText(path), path);

        var patient = Assert.Single(result.Patients);
        Assert.Equal(
            [("sfm-getmedication-dispenses", SourceKind.Dispensing), ("sfm-getmedication-pll", SourceKind.Pll), ("sfm-getmedication-requests", SourceKind.Prescriptions)],
            patient.Lists.Select(l => (l.Source.Id, l.Source.Kind)));
        var pll = patient.Lists.Single(l => l.Source.Kind == SourceKind.Pll);
        Assert.Equal(["lib-1", "lib-2"], pll.Entries.Select(e => e.EntryId));

        var marevan = pll.Entries[0];
        Assert.Equal("Marevan 2,5 mg tablett", marevan.Name);
        Assert.Contains(marevan.Codings, c => c.System == CodeSystem.FestProduct);
        Assert.Contains(marevan.Codings, c => c is { System: CodeSystem.Atc, Code: "B01AA03" });
        Assert.Equal("tablett", marevan.Form);
        Assert.Equal("Oral", marevan.Route);
        Assert.Equal("warfarin", Assert.Single(marevan.Substances).Name);
        Assert.Equal("2.5 mg", marevan.Substances[0].Strength?.ToString());
        Assert.Equal("Atrieflimmer", marevan.Reason);
        Assert.Equal("Dr. Per Olsen", marevan.RecordedBy);
        Assert.Equal(DateTimeOffset.Parse("2026-09-02T10:00:00+02:00", System.Globalization.CultureInfo.InvariantCulture), marevan.LastChanged);

        var paracet = patient.Lists.Single(l => l.Source.Kind == SourceKind.Prescriptions).Entries.Single();
        Assert.True(paracet.AsNeeded);
        Assert.Equal(4m, paracet.MaxTimesPerDay);
        Assert.Equal("Dr. Kari Nilsen", paracet.RecordedBy);

        var dispense = patient.Lists.Single(l => l.Source.Kind == SourceKind.Dispensing).Entries.Single();
        Assert.Equal(EntryStatus.Completed, dispense.Status);
        Assert.Equal("Apotek 1 Fjellheim", dispense.RecordedBy);

        var context = patient.Patient!;
        Assert.Equal("ingrid-1938", context.Id);
        Assert.Equal(new DateOnly(1938, 3, 14), context.BirthDate);
        Assert.Equal("female", context.Sex);
        Assert.Equal(58m, context.WeightKg);
        Assert.Equal("91936005", Assert.Single(context.Allergies).Code);
        Assert.Empty(result.Skipped);
    }
}
