namespace MedEngine.Fhir.Tests;

/// <summary>Small FHIR JSON snippets for the reader tests.</summary>
internal static class FhirSamples
{
    public static string Request(string id, string status = "active", string patient = "p1", string? dosage = null, string medication = "Ramipril 5 mg kapsel") => $$"""
        {"resourceType":"MedicationRequest","id":"{{id}}","status":"{{status}}","intent":"order",
         "medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"C09AA05"}],"text":"{{medication}}"},
         "subject":{"reference":"Patient/{{patient}}"},"authoredOn":"2026-01-10"{{(dosage is null ? "" : ",\"dosageInstruction\":[" + dosage + "]")}}}
        """;

    public static string Statement(string id, string status = "active", string? informationSource = null, string? dosage = null) => $$"""
        {"resourceType":"MedicationStatement","id":"{{id}}","status":"{{status}}",
         "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"314076","display":"lisinopril 10 MG Oral Tablet"}]},
         "subject":{"reference":"Patient/p1"}{{(informationSource is null ? "" : ",\"informationSource\":{\"reference\":\"" + informationSource + "\"}")}}{{(dosage is null ? "" : ",\"dosage\":[" + dosage + "]")}}}
        """;

    public static string Dispense(string id, string status = "completed") => $$"""
        {"resourceType":"MedicationDispense","id":"{{id}}","status":"{{status}}",
         "medicationCodeableConcept":{"text":"Paracet 500 mg tablett"},"subject":{"reference":"Patient/p1"},"whenHandedOver":"2026-02-01T10:00:00Z"}
        """;

    public static string Bundle(string type, params string[] resources) =>
        $$"""{"resourceType":"Bundle","type":"{{type}}","entry":[{{string.Join(",", resources.Select(r => "{\"resource\":" + r + "}"))}}]}""";

    public static string OneLine(string json) => string.Join(" ", json.Split('\n').Select(l => l.Trim()));
}
