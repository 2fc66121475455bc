using Xunit;

namespace MedEngine.Fhir.Tests;

public class FhirInputReaderErrorTests
{
    [Fact]
    public void Malformed_ndjson_line_is_reported_with_its_line_and_every_problem_at_once()
    {
        var content = string.Join("\n", FhirSamples.OneLine(FhirSamples.Request("rx-1")), """{"resourceType":"MedicationRequest", "id": """, FhirSamples.OneLine(FhirSamples.Request("rx-3")), """{"resourceType":"Medikament","id":"x"}""");

        var e = Assert.Throws<InputException>(() => FhirInputReader.Read(content, "bulk.ndjson"));

        Assert.Equal(2, e.Errors.Count);
        Assert.Equal(2, e.Errors[0].Line);
        Assert.Contains("Malformed JSON", e.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(4, e.Errors[1].Line);
        Assert.Equal("x", e.Errors[1].Entry);
        Assert.All(e.Errors, error => Assert.Equal("bulk.ndjson", error.File));
    }

    [Fact]
    public void Malformed_json_document_reports_the_line()
    {
        var e = Assert.Throws<InputException>(() => FhirInputReader.Read("{\n  \"resourceType\": \"Bundle\",\n  \"type\": collection\n}", "b.json"));

        Assert.Equal(3, Assert.Single(e.Errors).Line);
    }

    [Fact]
    public void Unknown_resource_type_is_named()
    {
        var json = FhirSamples.Bundle("collection", FhirSamples.Request("rx-1"), """{"resourceType":"MedicationList","id":"ml-1"}""");

        var error = Assert.Single(Assert.Throws<InputException>(() => FhirInputReader.Read(json, "b.json")).Errors);

        Assert.Contains("'MedicationList'", error.Message, StringComparison.Ordinal);
        Assert.Equal("ml-1", error.Entry);
        Assert.Equal("entry[1].resource.resourceType", error.Field);
    }

    [Fact]
    public void A_resource_that_cannot_be_read_names_entry_and_field()
    {
        var json = FhirSamples.Bundle("collection", """{"resourceType":"MedicationRequest","id":"rx-1","status":"active","intent":"order","subject":{"reference":"Patient/p1"},"authoredOn":{"nested":true}}""");

        var error = Assert.Single(Assert.Throws<InputException>(() => FhirInputReader.Read(json, "b.json")).Errors);

        Assert.Equal("rx-1", error.Entry);
        Assert.Equal(InputIssueCodes.FhirUnreadableResource, error.Code);
        Assert.StartsWith("entry[0].resource.authoredOn", error.Field, StringComparison.Ordinal);
        Assert.Contains("MedicationRequest could not be read", error.Message, StringComparison.Ordinal);
        Assert.Equal($"b.json: entry rx-1: field '{error.Field}': {error.Code} {error.Message}", error.ToString());
    }

    [Fact]
    public void Unsupported_bundle_type_is_an_error() =>
        Assert.Throws<InputException>(() => FhirInputReader.Read("""{"resourceType":"Bundle","type":"history","entry":[]}""", "h.json"));

    [Fact]
    public void Duplicate_ids_in_one_source_are_an_error()
    {
        var json = FhirSamples.Bundle("collection", FhirSamples.Request("rx-1"), FhirSamples.Request("rx-1"));

        var error = Assert.Single(Assert.Throws<InputException>(() => FhirInputReader.Read(json, "b.json")).Errors);

        Assert.Equal("rx-1", error.Entry);
    }
}
