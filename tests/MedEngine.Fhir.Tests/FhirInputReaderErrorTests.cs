using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Fhir.Tests;

public class FhirInputReaderErrorTests
{
    private static SourceReadResult Read(string content, string file) => new FhirInputReader().Read(content, file);

    [Fact]
    public void Malformed_ndjson_line_is_reported_with_its_line_and_every_problem_at_once()
    {
        var content = string.Join("\n", FhirSamples.OneLine(FhirSamples.Request("rx-1")), """{"resourceType":"MedicationRequest", "id": """, FhirSamples.OneLine(FhirSamples.Request("rx-3")), """{"resourceType":"Medikament","id":"x"}""");

        var read = Read(content, "bulk.ndjson");

        Assert.Equal(2, read.Issues.Count);
        Assert.Equal(2, read.Issues[0].Line);
        Assert.Equal(InputIssueCodes.FhirMalformed, read.Issues[0].Code);
        Assert.Contains("Malformed JSON", read.Issues[0].Message, StringComparison.Ordinal);
        Assert.Equal(4, read.Issues[1].Line);
        Assert.Equal(InputIssueCodes.FhirNotAResource, read.Issues[1].Code);
        Assert.Equal("x", read.Issues[1].Entry);
        Assert.All(read.Issues, error => Assert.Equal("bulk.ndjson", error.File));
        Assert.Equal(["rx-1", "rx-3"], read.Patients.SelectMany(p => p.Lists).SelectMany(l => l.Entries).Select(e => e.EntryId));
        Assert.Equal(read.Issues, Assert.Throws<InputException>(() => read.ThrowIfIssues()).Errors);
    }

    [Theory]
    [InlineData("\"reasonReference\":[null],", "reasonReference")]
    [InlineData("\"reasonCode\":[{\"coding\":[null]}],", "reasonCode[0].coding")]
    public void A_null_in_a_list_leaves_the_resource_out_named_not_an_exception(string element, string field)
    {
        var bad = FhirSamples.Request("rx-bad").Replace("\"intent\":\"order\",", "\"intent\":\"order\"," + element, StringComparison.Ordinal);
        var read = Read(FhirSamples.Bundle("collection", bad, FhirSamples.Request("rx-ok")), "b.json");

        var issue = Assert.Single(read.Issues);
        Assert.Equal(InputIssueCodes.FhirUnreadableResource, issue.Code);
        Assert.Equal("rx-bad", issue.Entry);
        Assert.EndsWith(field, issue.Field, StringComparison.Ordinal);
        Assert.Equal(["rx-ok"], read.Patients.SelectMany(p => p.Lists).SelectMany(l => l.Entries).Select(e => e.EntryId));
    }

    [Theory]
    [InlineData("""{"text":"1x1","doseAndRate":[{"doseQuantity":{"value":"one","unit":"tablett"}}]}""")]
    [InlineData("""{"text":"1x1","doseAndRate":[{"doseQuantity":123}]}""")]
    public void A_value_of_the_wrong_type_found_on_access_leaves_the_resource_out_named(string dosage)
    {
        var bad = FhirSamples.Request("rx-bad", dosage: dosage);
        var read = Read(FhirSamples.Bundle("collection", bad, FhirSamples.Request("rx-ok")), "b.json");

        var issue = Assert.Single(read.Issues);
        Assert.Equal(InputIssueCodes.FhirUnreadableResource, issue.Code);
        Assert.Equal("rx-bad", issue.Entry);
        Assert.Equal(["rx-ok"], read.Patients.SelectMany(p => p.Lists).SelectMany(l => l.Entries).Select(e => e.EntryId));
    }

    [Theory]
    [InlineData("\"id\":\"rx-1\",\"id\":\"rx-2\",", InputIssueCodes.JsonDuplicateKey)]
    [InlineData("\"id\":\"rx\\ud800\",", InputIssueCodes.JsonNotText)]
    public void A_key_twice_or_a_lone_surrogate_refuses_the_document(string replacement, string code)
    {
        var request = FhirSamples.Request("rx-1").Replace("\"id\":\"rx-1\",", replacement, StringComparison.Ordinal);
        var read = Read(FhirSamples.Bundle("collection", request), "b.json");

        Assert.Equal(code, Assert.Single(read.Issues).Code);
        Assert.Empty(read.Patients);
    }

    [Fact]
    public void Malformed_json_document_reports_the_line()
    {
        var read = Read("{\n  \"resourceType\": \"Bundle\",\n  \"type\": collection\n}", "b.json");

        Assert.Equal(3, Assert.Single(read.Issues).Line);
        Assert.Empty(read.Patients);
    }

    [Fact]
    public void Unknown_resource_type_is_named()
    {
        var json = FhirSamples.Bundle("collection", FhirSamples.Request("rx-1"), """{"resourceType":"MedicationList","id":"ml-1"}""");

        var error = Assert.Single(Read(json, "b.json").Issues);

        Assert.Contains("'MedicationList'", error.Message, StringComparison.Ordinal);
        Assert.Equal("ml-1", error.Entry);
        Assert.Equal("entry[1].resource.resourceType", error.Field);
    }

    [Fact]
    public void A_resource_that_cannot_be_read_names_entry_and_field()
    {
        var json = FhirSamples.Bundle("collection", """{"resourceType":"MedicationRequest","id":"rx-1","status":"active","intent":"order","subject":{"reference":"Patient/p1"},"authoredOn":{"nested":true}}""");

        var error = Assert.Single(Read(json, "b.json").Issues);

        Assert.Equal("rx-1", error.Entry);
        Assert.Equal(InputIssueCodes.FhirUnreadableResource, error.Code);
        Assert.StartsWith("entry[0].resource.authoredOn", error.Field, StringComparison.Ordinal);
        Assert.Contains("MedicationRequest could not be read", error.Message, StringComparison.Ordinal);
        Assert.Equal($"b.json: entry rx-1: field '{error.Field}': {error.Code} {error.Message}", error.ToString());
    }

    [Fact]
    public void Unsupported_bundle_type_is_an_error() =>
        Assert.Equal(InputIssueCodes.FhirNotAResource, Assert.Single(Read("""{"resourceType":"Bundle","type":"history","entry":[]}""", "h.json").Issues).Code);

    [Fact]
    public void Duplicate_ids_in_one_source_are_an_error()
    {
        var json = FhirSamples.Bundle("collection", FhirSamples.Request("rx-1"), FhirSamples.Request("rx-1"));

        var read = Read(json, "b.json");

        var error = Assert.Single(read.Issues);
        Assert.Equal("rx-1", error.Entry);
        Assert.Equal(InputIssueCodes.FhirDuplicateResource, error.Code);
        Assert.Single(Assert.Single(Assert.Single(read.Patients).Lists).Entries);
    }

    [Fact]
    public void The_reader_claims_fhir_and_not_a_medengine_list()
    {
        var reader = new FhirInputReader();

        Assert.True(reader.CanRead(FhirSamples.Request("rx-1"), "rx.json"));
        Assert.True(reader.CanRead("{}\n{}\n", "bulk.ndjson"));
        Assert.False(reader.CanRead("""{ "source": { "id": "gp" }, "entries": [] }""", "gp.json"));
        Assert.False(reader.CanRead("not json", "x.json"));
    }
}
