using System.Text.Json;
using MedEngine.Model;
using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Tests.Serialization;

public sealed class ReconciliationJsonWriterTests
{
    [Fact]
    public async Task WriteAsync_WritesTheSameDocumentAsTheStream()
    {
        var evaluation = new MedEngineBuilder().Build().Evaluate(SamplePatient.Lists);
        IEvaluationWriter writer = new ReconciliationJsonWriter();
        using var text = new StringWriter();
        using var stream = new MemoryStream();

        await writer.WriteAsync(evaluation, text);
        new ReconciliationJsonWriter().Write(evaluation, stream);

        Assert.Equal(("json", "application/json"), (writer.Format, writer.MediaType));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(stream.ToArray()), text.ToString());
        using var document = JsonDocument.Parse(text.ToString());
        Assert.Equal(evaluation.List.Lines.Count, document.RootElement.GetProperty("lines").GetArrayLength());
        Assert.Equal(0, document.RootElement.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Writes_the_pll_facts_and_lookups_of_a_source_and_the_registration_and_replaced_links_of_an_entry()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(1));
        var source = new MedicationSource("sfm-pll", SourceKind.Pll, at, "Kari Lege")
        {
            PllExists = true,
            Lookups = [new RegistryLookup("KJ", at) { ErrorCode = "5", Error = "Ingen rettighet til KJ oppslag", HasLocked = false }],
        };
        var entry = new MedicationEntry
        {
            EntryId = "renewal-2",
            Name = "Simvastatin tab 20 mg",
            Codings = [new MedicationCoding(CodeSystem.Atc, "C10AA01")],
            Status = EntryStatus.Active,
            Registration = new EntryRegistration("Godkjent", "Forskrevet av", "Kari Lege, HPR: 1234567", at),
            Replaces = ["first-prescription"],
        };
        var evaluation = new MedEngineBuilder().Build().Evaluate([new SourceList(source, [entry])]);
        using var stream = new MemoryStream();

        new ReconciliationJsonWriter().Write(evaluation, stream);

        using var document = JsonDocument.Parse(stream.ToArray());
        var written = document.RootElement.GetProperty("sources")[0];
        Assert.True(written.GetProperty("pllExists").GetBoolean());
        var lookup = written.GetProperty("lookups")[0];
        Assert.Equal(("KJ", "2026-03-01T09:00:00+01:00", false, "5", "Ingen rettighet til KJ oppslag"), (lookup.GetProperty("registry").GetString(), lookup.GetProperty("at").GetString(), lookup.GetProperty("ok").GetBoolean(), lookup.GetProperty("errorCode").GetString(), lookup.GetProperty("error").GetString()));
        Assert.Equal(JsonValueKind.Null, lookup.GetProperty("hasMedications").ValueKind);
        var line = document.RootElement.GetProperty("lines")[0].GetProperty("entries")[0];
        var registration = line.GetProperty("registration");
        Assert.Equal(("Godkjent", "Forskrevet av", "Kari Lege, HPR: 1234567"), (registration.GetProperty("status").GetString(), registration.GetProperty("type").GetString(), registration.GetProperty("provider").GetString()));
        Assert.Equal("first-prescription", Assert.Single(line.GetProperty("replaces").EnumerateArray()).GetString());
    }
}
