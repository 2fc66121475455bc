using MedEngine.Model;
using MedEngine.Units;
using Xunit;

namespace MedEngine.Fhir.Tests;

public class FhirInputReaderDosageTests
{
    private static MedicationEntry ReadRequest(string? dosage, string status = "active") =>
        new FhirInputReader().Read(FhirSamples.Request("rx-1", status, dosage: dosage), "rx.json").Patients.Single().Lists.Single().Entries.Single();

    [Theory]
    [InlineData("active", EntryStatus.Active)]
    [InlineData("on-hold", EntryStatus.OnHold)]
    [InlineData("cancelled", EntryStatus.Stopped)]
    [InlineData("completed", EntryStatus.Completed)]
    [InlineData("entered-in-error", EntryStatus.EnteredInError)]
    [InlineData("stopped", EntryStatus.Stopped)]
    [InlineData("draft", EntryStatus.Unknown)]
    [InlineData("unknown", EntryStatus.Unknown)]
    public void Request_statuses(string fhir, EntryStatus expected) => Assert.Equal(expected, ReadRequest(null, fhir).Status);

    [Theory]
    [InlineData("active", EntryStatus.Active)]
    [InlineData("intended", EntryStatus.Active)]
    [InlineData("completed", EntryStatus.Completed)]
    [InlineData("stopped", EntryStatus.Stopped)]
    [InlineData("not-taken", EntryStatus.Stopped)]
    [InlineData("on-hold", EntryStatus.OnHold)]
    [InlineData("entered-in-error", EntryStatus.EnteredInError)]
    [InlineData("unknown", EntryStatus.Unknown)]
    public void Statement_statuses(string fhir, EntryStatus expected) =>
        Assert.Equal(expected, new FhirInputReader().Read(FhirSamples.Statement("ms-1", fhir), "s.json").Patients.Single().Lists.Single().Entries.Single().Status);

    [Theory]
    [InlineData("completed", EntryStatus.Completed)]
    [InlineData("declined", EntryStatus.Stopped)]
    [InlineData("in-progress", EntryStatus.Unknown)]
    [InlineData("entered-in-error", EntryStatus.EnteredInError)]
    public void Dispense_statuses(string fhir, EntryStatus expected) =>
        Assert.Equal(expected, new FhirInputReader().Read(FhirSamples.Dispense("d-1", fhir), "d.json").Patients.Single().Lists.Single().Entries.Single().Status);

    [Theory]
    [InlineData("""{"frequency":2,"period":1,"periodUnit":"d"}""", 2.0)]
    [InlineData("""{"frequency":1,"period":8,"periodUnit":"h"}""", 3.0)]
    [InlineData("""{"frequency":1,"period":2,"periodUnit":"d"}""", 0.5)]
    [InlineData("""{"frequency":7,"period":1,"periodUnit":"wk"}""", 1.0)]
    [InlineData("""{"period":12,"periodUnit":"h"}""", 2.0)]
    [InlineData("""{"when":["MORN","EVE"]}""", 2.0)]
    [InlineData("""{"frequency":1,"frequencyMax":3,"period":1,"periodUnit":"d"}""", null)]
    [InlineData("""{"frequency":1,"period":1,"periodUnit":"mo"}""", null)]
    public void Timing_repeat_gives_times_per_day(string repeat, double? expected)
    {
        var entry = ReadRequest($$$"""{"timing":{"repeat":{{{repeat}}}}}""");

        Assert.Equal(expected is null ? null : (decimal)expected.Value, entry.TimesPerDay);
    }

    [Fact]
    public void Timing_code_gives_times_per_day() =>
        Assert.Equal(3m, ReadRequest("""{"timing":{"code":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation","code":"TID"}]}}}""").TimesPerDay);

    [Theory]
    [InlineData("""{"value":1}""", "1 unit")]
    [InlineData("""{"value":2,"unit":"tablett"}""", "2 tablet")]
    [InlineData("""{"value":5,"unit":"milligram","system":"http://unitsofmeasure.org","code":"mg"}""", "5 mg")]
    [InlineData("""{"value":2,"unit":"sprays","code":"{puff}"}""", "2 puff")]
    [InlineData("""{"value":2,"unit":"scoops"}""", null)]
    public void Dose_quantity_maps_unit_then_code(string quantity, string? expected)
    {
        var entry = ReadRequest($$$"""{"doseAndRate":[{"doseQuantity":{{{quantity}}}}]}""");

        Assert.Equal(expected, entry.Dose?.ToString());
    }

    [Fact]
    public void Structured_dosage_is_read()
    {
        var entry = ReadRequest("""
            {"text":"1 tablett morgen og kveld","route":{"coding":[{"code":"26643006","display":"Oral route"}]},"asNeededBoolean":false,
             "timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}},"doseAndRate":[{"doseQuantity":{"value":1,"unit":"tablet"}}]}
            """);

        Assert.Equal(new Quantity(1m, MeasureUnits.Tablet), entry.Dose);
        Assert.Equal(2m, entry.TimesPerDay);
        Assert.False(entry.AsNeeded);
        Assert.Equal("1 tablett morgen og kveld", entry.DosageText);
        Assert.Equal("Oral route", entry.Route);
    }

    [Fact]
    public void As_needed_codeable_concept_and_max_per_period()
    {
        var entry = ReadRequest("""{"asNeededCodeableConcept":{"text":"smerter"},"maxDosePerPeriod":{"numerator":{"value":3,"code":"{count}"},"denominator":{"value":1,"unit":"d"}}}""");

        Assert.True(entry.AsNeeded);
        Assert.Equal(3m, entry.MaxTimesPerDay);
    }

    [Fact]
    public void Missing_dosage_does_not_crash()
    {
        var entry = ReadRequest(null);

        Assert.Null(entry.Dose);
        Assert.Null(entry.TimesPerDay);
        Assert.Null(entry.DosageText);
        Assert.False(entry.AsNeeded);
        Assert.Equal("Ramipril 5 mg kapsel", entry.Name);
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), entry.Start);
    }

    [Theory]
    [InlineData("""{"timing":{"repeat":{"frequency":1,"period":0.0000000000000000000000000001,"periodUnit":"h"}}}""")]
    [InlineData("""{"timing":{"repeat":{"frequency":2,"period":79228162514264337593543950335,"periodUnit":"wk"}}}""")]
    [InlineData("""{"maxDosePerPeriod":{"numerator":{"value":4},"denominator":{"value":0.0000000000000000000000000001,"unit":"h"}}}""")]
    public void An_implausible_period_leaves_the_frequency_unknown_never_an_overflow(string dosage)
    {
        var entry = ReadRequest(dosage);
        Assert.Null(entry.TimesPerDay);
        Assert.Null(entry.MaxTimesPerDay);
    }
}
