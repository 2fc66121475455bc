using System.Globalization;
using System.Text.Json;
using MedEngine.Model;
using Xunit;

namespace MedEngine.Fhir.Tests;

/// <summary>
/// The real SFM Basis messages from NHN's test environment in ../shared/data/sfm-basis-examples (AGPL-3.0: read in place, never
/// copied): one test per file, each counting every medication statement and prescription of the file as an entry or a replaced link.
/// </summary>
public sealed class SfmBasisExampleTests
{
    private const string Folder = "sfm-basis-examples";
    private const string Prescriber = "Jesper Odd Hansen, HPR: 7479654";
    private static readonly DateTimeOffset PllDate = DateTimeOffset.Parse("2024-01-12T12:14:05.2232291+01:00", CultureInfo.InvariantCulture);

    [SharedDataFact(Folder)]
    public void Getmedex1_reads_two_statements_one_other_prescription_the_pll_date_and_the_lookups()
    {
        var patient = Read("responses", "getmedex1.json");

        Assert.Equal([("getmedex1-pll", SourceKind.Pll), ("getmedex1-requests", SourceKind.Prescriptions)], patient.Lists.Select(l => (l.Source.Id, l.Source.Kind)));
        var pll = patient.Lists[0];
        Assert.Equal(["1157715217", "1026904440"], pll.Entries.Select(e => e.EntryId));
        Assert.Equal(PllDate, pll.Source.LastConfirmed);
        Assert.Equal("Jesper Odd Hansen, HPR: 7479654, DIPS-SFM Testsykehuset HF 2, HER: 8141719", pll.Source.ConfirmedBy);
        Assert.True(pll.Source.PllExists);
        Assert.All(pll.Entries, e => Assert.Equal(("Godkjent", "Forskrevet av", Prescriber), (e.Registration!.Status, e.Registration.Type, e.Registration.Provider)));
        Assert.Equal(DateTimeOffset.Parse("2023-12-20T11:54:49.9432968+01:00", CultureInfo.InvariantCulture), pll.Entries[1].Registration!.At);

        var aerius = pll.Entries[1];
        Assert.Equal("Aerius tab 5 mg", aerius.Name);
        Assert.Contains(aerius.Codings, c => c is { System: CodeSystem.FestProduct, Code: "472759" });
        Assert.Contains(aerius.Codings, c => c is { System: CodeSystem.Atc, Code: "R06AX27" });
        Assert.Equal("1 tablett morgen", aerius.DosageText);
        Assert.Equal(EntryStatus.Active, aerius.Status);

        var other = Assert.Single(patient.Lists[1].Entries);
        Assert.Equal(("8b3cf341-99dd-430b-a019-9f8f5fd52b28", "Næringsmidler ved diverse tilstander", "test", EntryStatus.Active), (other.EntryId, other.Name, other.DosageText, other.Status));

        var lookups = pll.Source.Lookups;
        Assert.Equal(["KJ", "RF M9.6", "RF M9.12"], lookups.Select(l => l.Registry));
        Assert.Equal(("5", "Ingen rettighet til KJ oppslag", false), (lookups[0].ErrorCode, lookups[0].Error, lookups[0].IsOk));
        Assert.Contains("KJF-000206", lookups[0].Detail, StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse("2024-01-12T22:56:08.4923913+01:00", CultureInfo.InvariantCulture), lookups[0].At);
        Assert.Equal((false, false), (lookups[0].HasMedications, lookups[0].HasLocked));
        Assert.All(lookups.Skip(1), l => Assert.Equal(("0", "OK", true, DateTimeOffset.Parse("2024-01-12T22:56:08.298+01:00", CultureInfo.InvariantCulture)), (l.ErrorCode, l.Error, l.IsOk, l.At)));
        Assert.Equal(lookups, patient.Lists[1].Source.Lookups);
    }

    [SharedDataFact(Folder)]
    public void Getmedex2_keeps_only_the_head_of_the_renewed_aerius_chain_current()
    {
        var patient = Read("responses", "getmedex2.json");

        var pll = patient.Lists.Single(l => l.Source.Kind == SourceKind.Pll);
        Assert.Equal(["364983535", "807029217", "657747118", "489739820"], pll.Entries.Select(e => e.EntryId));
        var head = pll.Entries[0];
        Assert.Equal(["2023334059"], head.Replaces);
        Assert.Equal(EntryStatus.Active, head.Status);
        Assert.Equal(DateTimeOffset.Parse("2024-01-16T20:44:23.1786242+01:00", CultureInfo.InvariantCulture), head.Registration!.At);
        Assert.All(pll.Entries.Skip(1), e => Assert.Empty(e.Replaces));
        Assert.Equal(PllDate, pll.Source.LastConfirmed);

        var sugar = pll.Entries[3];
        Assert.Equal("Vann ad, Sukker 50 mg inf, oppl 500 ml", sugar.Name);
        Assert.Empty(sugar.Codings);
        Assert.Empty(sugar.Substances);
        Assert.Equal("Marevan tab 2,5 mg", pll.Entries[2].Name);
    }

    [SharedDataFact(Folder)]
    public void The_magistral_answer_reads_the_preparation_with_its_active_ingredient_and_says_there_is_no_pll()
    {
        var patient = Read("magistral", "magistral-getmed-response.json");

        var pll = Assert.Single(patient.Lists);
        AssertMagistral(Assert.Single(pll.Entries));
        Assert.False(pll.Source.PllExists);
        Assert.Null(pll.Source.LastConfirmed);
        Assert.Equal(3, pll.Source.Lookups.Count);
    }

    [SharedDataFact(Folder)]
    public void The_magistral_bundle_alone_reads_the_same_without_lookups()
    {
        var patient = Read("magistral", "magistral-bundle.json");

        var pll = Assert.Single(patient.Lists);
        AssertMagistral(Assert.Single(pll.Entries));
        Assert.Empty(pll.Source.Lookups);
        Assert.False(pll.Source.PllExists);
    }

    [SharedDataFact(Folder)]
    public void The_sendmedication_request_reads_as_the_list_it_sends()
    {
        var patient = Read("requests", "sendmed.json");

        var entry = Assert.Single(Assert.Single(patient.Lists).Entries);
        Assert.Equal("161187434", entry.EntryId);
        Assert.Equal("Cetirizin", Assert.Single(entry.Substances).Name);
    }

    [SharedDataFact(Folder)]
    public void The_error_answer_is_refused_with_what_nhn_said()
    {
        var result = new FhirInputReader().Read(File.ReadAllText(Path(["responses", "errors.json"])), "errors.json");

        var issue = Assert.Single(result.Issues);
        Assert.Equal(InputIssueCodes.FhirErrorAnswer, issue.Code);
        Assert.Contains("Medication.extension:medicationdetails.extension:name missing or invalid at Parameters.Parameter[0].Resource.Entry[30].Resource.Extension[1]", issue.Message, StringComparison.Ordinal);
        Assert.Contains("TraceId: 555003cfdfa14bb25c417c672d28fb31", issue.Message, StringComparison.Ordinal);
        Assert.Empty(result.Patients);
    }

    [SharedDataTheory(Folder)]
    [InlineData("requests", "getmed.json", "patient")]
    [InlineData("responses", "sendmed.json", "recallCount, prescriptionCount")]
    public void Parameters_that_are_no_getmedication_answer_are_refused_naming_their_parameters(string folder, string file, string parameters)
    {
        var result = new FhirInputReader().Read(File.ReadAllText(Path([folder, file])), file);

        var issue = Assert.Single(result.Issues);
        Assert.Equal(InputIssueCodes.FhirNotAResource, issue.Code);
        Assert.Equal("parameter", issue.Field);
        Assert.Contains($"not an SFM $getMedication answer (its parameters: {parameters})", issue.Message, StringComparison.Ordinal);
    }

    private static void AssertMagistral(MedicationEntry entry)
    {
        Assert.Equal("Glucos. B. Braun inf, oppl 200 mg/ml ad, Cetirizin 0,01 mg inj/inf, oppl 750 mg", entry.Name);
        Assert.Empty(entry.Codings);
        var cetirizine = Assert.Single(entry.Substances);
        Assert.Equal("Cetirizin", cetirizine.Name);
        Assert.Equal("0.01 mg", cetirizine.Strength?.ToString());
        Assert.Equal("inj/inf, oppl", entry.Form);
        Assert.Equal(Prescriber, entry.Registration!.Provider);
        Assert.Equal(Prescriber, entry.RecordedBy);
    }

    private static string Path(string[] parts) => RepositoryPaths.SharedData([Folder, .. parts]);

    /// <summary>Reads a file whole and checks that every MedicationStatement and BandaPrescription in it is an entry or a replaced link, once.</summary>
    private static PatientInput Read(params string[] parts)
    {
        var content = File.ReadAllText(Path(parts));
        var result = new FhirInputReader().Read(content, parts[^1]);
        Assert.Empty(result.Issues);
        var patient = result.SinglePatient();
        using var json = JsonDocument.Parse(content);
        var expected = Resources(json.RootElement)
            .Where(r => r.GetProperty("resourceType").GetString() == "MedicationStatement"
                || r.GetProperty("meta").GetProperty("profile")[0].GetString()!.EndsWith("sfm-BandaPrescription", StringComparison.Ordinal))
            .Select(r => r.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal);
        var accounted = patient.Lists.SelectMany(l => l.Entries).SelectMany(e => e.Replaces.Prepend(e.EntryId)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, accounted);
        return patient;
    }

    private static IEnumerable<JsonElement> Resources(JsonElement root) => root.GetProperty("resourceType").GetString() switch
    {
        "Parameters" => root.GetProperty("parameter").EnumerateArray().Where(p => p.TryGetProperty("resource", out _)).SelectMany(p => Resources(p.GetProperty("resource"))),
        "Bundle" => root.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")),
        _ => [root],
    };
}
