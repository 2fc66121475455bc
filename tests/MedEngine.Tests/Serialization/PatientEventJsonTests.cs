using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using MedEngine.Tests.Reconciliation;
using MedEngine.Units;
using Xunit;

namespace MedEngine.Tests.Serialization;

public sealed class PatientEventJsonTests
{
    private static readonly Arbitrary<int> Seeds = ArbMap.Default.ArbFor<int>();

    private static readonly PatientContext FullPatient = new()
    {
        Id = "p1",
        BirthDate = new DateOnly(1938, 4, 12),
        Sex = "female",
        WeightKg = 58.25m,
        Pregnant = false,
        Conditions = [new ClinicalCode("icd10", "I48", "Atrieflimmer")],
        Allergies = [new ClinicalCode("atc", "J01C")],
        Labs =
        [
            new LabResult(new ClinicalCode("medengine", "egfr"), 28, "mL/min/1.73m²", new DateTimeOffset(2026, 11, 16, 8, 0, 0, TimeSpan.FromHours(1))),
            new LabResult(new ClinicalCode("loinc", "33914-3", "eGFR (MDRD)"), 27.5m, null, null),
        ],
    };

    private static readonly MedicationEntry FullEntry = new()
    {
        EntryId = "gp-1",
        Name = "Marevan 2,5 mg tablett",
        Codings = [new MedicationCoding(CodeSystem.Atc, "B01AA03"), new MedicationCoding(CodeSystem.FestProduct, "ID_1234", "Marevan")],
        Substances = [new SubstanceStrength("warfarin", new Quantity(2.5m, MeasureUnits.Milligram)), new SubstanceStrength("x", new Quantity(0.000005m, MeasureUnits.Milligram))],
        Form = "tablett",
        Route = "oral",
        Dose = new Quantity(1, MeasureUnits.Tablet),
        TimesPerDay = 1,
        AsNeeded = true,
        MaxTimesPerDay = 3,
        DosageText = "Etter INR, se \"doseringskalender\"",
        Start = new DateTimeOffset(2019, 3, 1, 0, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2027, 3, 1, 23, 59, 59, 999, TimeSpan.FromHours(2)),
        Status = EntryStatus.OnHold,
        LastChanged = new DateTimeOffset(2026, 9, 15, 10, 0, 0, TimeSpan.FromHours(2)),
        RecordedBy = "Dr. Kari Hansen",
        Reason = "Atrieflimmer",
    };

    [Fact]
    public void EveryField_ReadsBackEqual()
    {
        var source = new MedicationSource("gp", SourceKind.GeneralPractitioner, new DateTimeOffset(2026, 10, 2, 9, 30, 0, TimeSpan.FromHours(2)), "Dr. Hansen") { Version = 17 };
        PatientEvent[] events =
        [
            new SourceListReplaced(new SourceList(source, [FullEntry, new MedicationEntry { EntryId = "gp-2", Codings = [new MedicationCoding(CodeSystem.RxNorm, "197361")] }])),
            new EntryUpserted(source, FullEntry),
            new EntryStopped("gp", "gp-1", new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(1)), "blødning"),
            new EntryRemoved("gp", "gp-1"),
            new SourceRemoved("gp"),
            new PatientContextChanged(FullPatient),
        ];

        foreach (var patientEvent in events)
        {
            var json = PatientEventJson.Write(patientEvent, "id-1");
            var read = ReadOne(json);
            Assert.Equal("id-1", read.EventId);
            Assert.Equal(json, PatientEventJson.Write(read.Event, "id-1"));
            AssertSame(patientEvent, read.Event);
        }
    }

    [Property(MaxTest = 150)]
    public Property RandomEvents_ReadBackEqual() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var lists = ScenarioGenerator.Lists(random).ToDictionary(l => l.Source.Id, StringComparer.Ordinal);
        for (var step = 0; step < 10; step++)
        {
            var patientEvent = ScenarioGenerator.Event(random, lists);
            var read = ReadOne(PatientEventJson.Write(patientEvent));
            Assert.Null(read.EventId);
            AssertSame(patientEvent, read.Event);
        }
    });

    [Fact]
    public void SampleLists_ReadBackEqual()
    {
        foreach (var list in SamplePatient.Lists)
        {
            AssertSame(new SourceListReplaced(list), ReadOne(PatientEventJson.Write(new SourceListReplaced(list))).Event);
        }
    }

    [Fact]
    public void AnArray_ReadsInOrder_AndEveryProblemNamesTheEventAndField()
    {
        var result = PatientEventJson.Read("""
            [
              { "type": "sourceRemoved", "sourceId": "gp", "eventId": "a" },
              { "type": "entryStoped", "sourceId": "gp" },
              { "type": "entryStopped", "sourceId": "gp", "entryId": "e1" },
              { "type": "entryRemoved", "sourceId": "gp", "entryId": "e1", "colour": "red" },
              { "type": "sourceListReplaced", "list": { "source": { "id": "gp" }, "entries": [ { "id": "e1" } ] } },
              { "type": "patientContextChanged", "patient": { "id": "p1" } }
            ]
            """, "POST /patients/p1/events");
        Assert.Equal(["sourceRemoved", "patientContextChanged"], result.Events.Select(e => PatientEventJson.TypeOf(e.Event)));
        Assert.Equal("a", result.Events[0].EventId);
        Assert.Collection(
            result.Errors,
            e => Assert.Equal(("#1", "type", InputIssueCodes.JsonUnknownCode), (e.Entry, e.Field, e.Code)),
            e => Assert.Equal(("#2", "stoppedAt", InputIssueCodes.JsonRequired), (e.Entry, e.Field, e.Code)),
            e => Assert.Equal(("#3", "colour", InputIssueCodes.JsonUnknownField), (e.Entry, e.Field, e.Code)),
            e => Assert.Equal(("#0 'e1'", "name", InputIssueCodes.JsonRequired), (e.Entry, e.Field, e.Code)));
        Assert.All(result.Errors, e => Assert.Equal("POST /patients/p1/events", e.File));
    }

    [Theory]
    [InlineData("{", InputIssueCodes.JsonMalformed)]
    [InlineData("{ \"sourceId\": \"gp\" }", InputIssueCodes.JsonRequired)]
    [InlineData("[ 1 ]", InputIssueCodes.JsonInvalidValue)]
    [InlineData("{ \"type\": \"sourceRemoved\", \"sourceId\": \"\\ud800\" }", InputIssueCodes.JsonNotText)]
    [InlineData("{ \"type\": \"sourceRemoved\", \"sourceId\": \" \" }", InputIssueCodes.JsonRequired)]
    [InlineData("{ \"type\": \"sourceRemoved\", \"sourceId\": \"gp\", \"eventId\": \"\" }", InputIssueCodes.JsonInvalidValue)]
    [InlineData("{ \"type\": \"sourceListReplaced\", \"list\": { \"source\": { \"id\": \"gp\", \"version\": -1 }, \"entries\": [] } }", InputIssueCodes.JsonInvalidValue)]
    [InlineData("{ \"type\": \"sourceListReplaced\", \"list\": { \"source\": { \"id\": \"gp\" }, \"patient\": {}, \"entries\": [] } }", InputIssueCodes.JsonUnknownField)]
    public void BadEvents_AreRefusedWithACode(string json, string code)
    {
        var result = PatientEventJson.Read(json, "body");
        Assert.Empty(result.Events);
        Assert.Contains(result.Errors, e => e.Code == code);
    }

    private static IdentifiedPatientEvent ReadOne(string json)
    {
        var result = PatientEventJson.Read(json, "stored");
        Assert.Empty(result.Errors);
        return Assert.Single(result.Events);
    }

    private static void AssertSame(PatientEvent expected, PatientEvent actual)
    {
        switch (expected)
        {
            case SourceListReplaced list:
                var read = Assert.IsType<SourceListReplaced>(actual);
                Assert.Equal(list.List.Source, read.List.Source);
                Assert.Equal(list.List.Entries, read.List.Entries);
                break;
            case EntryUpserted upserted:
                var readUpsert = Assert.IsType<EntryUpserted>(actual);
                Assert.Equal(upserted.Source, readUpsert.Source);
                Assert.Equal(upserted.Entry, readUpsert.Entry);
                break;
            case PatientContextChanged changed:
                var patient = Assert.IsType<PatientContextChanged>(actual).Patient;
                Assert.Equal(changed.Patient with { Conditions = [], Allergies = [], Labs = [] }, patient with { Conditions = [], Allergies = [], Labs = [] });
                Assert.Equal(changed.Patient.Conditions, patient.Conditions);
                Assert.Equal(changed.Patient.Allergies, patient.Allergies);
                Assert.Equal(changed.Patient.Labs, patient.Labs);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }
}
