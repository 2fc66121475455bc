using MedEngine.Model;
using MedEngine.Reconciliation;
using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Tests.Serialization;

public sealed class SourceListJsonReaderTests
{
    private static readonly SourceListJsonReader Reader = new();

    private static SourceReadResult Fails(string json)
    {
        var read = Reader.Read(json, "liste.json");
        Assert.False(read.IsComplete);
        Assert.Equal(read.Issues, Assert.Throws<InputException>(() => read.SinglePatient()).Errors);
        return read;
    }

    [Fact]
    public void Read_MalformedJson_NamesFileLineAndColumn()
    {
        var error = Assert.Single(Fails("{\n  \"source\": { \"id\": \"gp\" },\n  \"entries\": [ { \"id\": 1, } \n").Issues);
        Assert.Equal("liste.json", error.File);
        Assert.Equal(InputIssueCodes.JsonMalformed, error.Code);
        Assert.NotNull(error.Line);
        Assert.StartsWith("liste.json:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryProblem_IsReportedAtOnceWithEntryAndField()
    {
        var errors = Fails("""
            { "source": { "id": "gp", "kind": "doctor" },
              "entries": [
                { "id": "1", "name": "Marevan", "dose": "2 bananas" },
                { "id": "2", "name": "Paracet", "timesPerDay": "two" },
                { "id": "3", "name": "Ibux", "status": "taken" },
                { "id": "4", "nmae": "Furix" },
                { "name": "no id" }
              ] }
            """).Issues;
        Assert.Contains(errors, e => e.Field == "source.kind" && e.Code == InputIssueCodes.JsonUnknownCode && e.Message.Contains("doctor", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Entry == "#0 '1'" && e.Field == "dose" && e.Message.Contains("2 bananas", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Entry == "#1 '2'" && e.Field == "timesPerDay" && e.Code == InputIssueCodes.JsonInvalidValue);
        Assert.Contains(errors, e => e.Entry == "#2 '3'" && e.Field == "status");
        Assert.Contains(errors, e => e.Entry == "#3 '4'" && e.Field == "nmae" && e.Code == InputIssueCodes.JsonUnknownField);
        Assert.Contains(errors, e => e.Entry == "#4" && e.Field == "id" && e.Code == InputIssueCodes.JsonRequired);
    }

    [Theory]
    [InlineData("""{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "1", "name": "Marevan" } ], "entries": [] }""", "entries")]
    [InlineData("""{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "1", "name": "Marevan", "status": "active", "status": "stopped" } ] }""", "entries[0].status")]
    public void Read_AKeyTwice_IsRefusedNamingTheKey_WhicheverReaderWouldHavePickedAWinner(string json, string path)
    {
        var error = Assert.Single(Fails(json).Issues);
        Assert.Equal(InputIssueCodes.JsonDuplicateKey, error.Code);
        Assert.Equal(path, error.Field);
    }

    [Theory]
    [InlineData("""{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "1", "name": "Mare\ud800van" } ] }""", "entries[0].name")]
    [InlineData("""{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "1", "\udc00": "x", "name": "Marevan" } ] }""", "entries[0]")]
    [InlineData("""{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "1", "name": "Marevan", "timesPerDay": "\ud800" } ] }""", "entries[0].timesPerDay")]
    public void Read_ALoneSurrogateInAKeyOrAValue_IsRefusedWithItsPath_NeverAnException(string json, string path)
    {
        var error = Assert.Single(Fails(json).Issues);
        Assert.Equal(InputIssueCodes.JsonNotText, error.Code);
        Assert.Equal(path, error.Field);
    }

    [Theory]
    [InlineData("12:00")]
    [InlineData("1/2/3")]
    [InlineData("2026-09-10T10:15:00")]
    [InlineData("2026-9-10")]
    [InlineData("10.09.2026")]
    public void Read_ADateThatIsNotStrictIso8601_IsRefused_NotGuessed(string date)
    {
        var error = Assert.Single(Fails($$"""{ "source": { "id": "gp", "kind": "gp", "lastConfirmed": "{{date}}" }, "entries": [] }""").Issues);
        Assert.Equal(InputIssueCodes.JsonInvalidValue, error.Code);
        Assert.Equal("source.lastConfirmed", error.Field);
    }

    [Theory]
    [InlineData("2026-09-10", "2026-09-10T00:00:00+00:00")]
    [InlineData("2026-09-10T10:15:00+02:00", "2026-09-10T10:15:00+02:00")]
    [InlineData("2026-09-10T08:15:00.123Z", "2026-09-10T08:15:00.123+00:00")]
    public void Read_IsoDatesAndDateTimes_AreRead(string date, string expected)
    {
        var read = Reader.Read($$"""{ "source": { "id": "gp", "kind": "gp", "lastConfirmed": "{{date}}" }, "entries": [] }""", "gp.json");
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), read.SinglePatient().Lists[0].Source.LastConfirmed);
    }

    [Fact]
    public async Task ReadFile_BytesThatAreNotUtf8_AreRefusedWithTheOffset_NeverReplaced()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("medengine-utf8-").FullName, "gp.json");
        byte[] bytes = [.. System.Text.Encoding.UTF8.GetBytes("""{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "1", "name": "Mar"""), 0xC3, 0x28, .. "evan\" } ] }"u8];
        await File.WriteAllBytesAsync(path, bytes);

        var error = Assert.Single((await Reader.ReadFileAsync(path)).Issues);
        Assert.Equal(InputIssueCodes.FileNotUtf8, error.Code);
        Assert.Contains("byte offset 80", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AHugeValue_IsQuotedCutShort()
    {
        var huge = new string('9', 100_000);
        var error = Assert.Single(Fails($$"""{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "1", "name": "Marevan", "asNeeded": {{huge}} } ] }""").Issues);
        Assert.True(error.Message.Length < 300, error.Message);
        Assert.Contains("(100000 characters)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntriesWithProblems_AreLeftOutAndTheRestIsRead()
    {
        var read = Reader.Read("""
            { "source": { "id": "gp", "kind": "gp" },
              "entries": [
                { "id": "1", "name": "Marevan", "dose": "2 bananas" },
                { "id": "2", "name": "Paracet 500 mg" },
                { "id": "2", "name": "Paracet 1 g" },
                { "name": "no id" },
                { "id": "5", "name": "Furix 40 mg" }
              ] }
            """, "gp.json");

        var list = Assert.Single(Assert.Single(read.Patients).Lists);
        Assert.Equal(["2", "5"], list.Entries.Select(e => e.EntryId));
        Assert.Equal(["#0 '1'", "#2 '2'", "#3"], read.Issues.Select(e => e.Entry));
    }

    [Fact]
    public void Read_ABadSourceHeader_LeavesOutTheListButReportsEveryProblem()
    {
        var read = Reader.Read("""{ "source": { "id": "gp", "kind": "doctor" }, "entries": [ { "id": "1", "nmae": "x" } ] }""", "gp.json");

        Assert.Empty(read.Patients);
        Assert.Equal(["source.kind", "nmae", "name"], read.Issues.Select(e => e.Field));
    }

    [Fact]
    public void CanRead_ClaimsAnObjectThatIsNotFhir()
    {
        Assert.True(Reader.CanRead("""{ "source": { "id": "gp" }, "entries": [] }""", "gp.json"));
        Assert.False(Reader.CanRead("""{ "resourceType": "Bundle" }""", "b.json"));
        Assert.False(Reader.CanRead("[1, 2]", "a.json"));
        Assert.False(Reader.CanRead("{ nope", "a.json"));
    }

    [Fact]
    public async Task ReadFileAsync_AMissingFile_IsAnIssueNotAnException()
    {
        var read = await Reader.ReadFileAsync(Path.Combine(Path.GetTempPath(), "medengine-no-such-file.json"));

        Assert.Empty(read.Patients);
        Assert.Equal(InputIssueCodes.FileMissing, Assert.Single(read.Issues).Code);
    }

    [Fact]
    public void Read_DuplicateEntryIds_IsAnErrorNamingBoth()
    {
        var error = Assert.Single(Fails("""
            { "source": { "id": "gp" }, "entries": [ { "id": "a", "name": "Marevan" }, { "id": "a", "name": "Paracet" } ] }
            """).Issues);
        Assert.Equal("#1 'a'", error.Entry);
        Assert.Equal(InputIssueCodes.JsonDuplicateEntry, error.Code);
        Assert.Contains("#0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyList_IsValidAndReconcilesToNothing()
    {
        var input = Reader.Read("""{ "source": { "id": "gp", "kind": "gp" }, "entries": [] }""", "tom.json").SinglePatient();
        var result = ReconciliationEngine.CreateDefault().Reconcile(input.Lists);
        Assert.Empty(result.Lines);
        Assert.Empty(result.Unresolved);
        Assert.Equal(SourceKind.GeneralPractitioner, Assert.Single(result.Sources).Kind);
    }

    [Fact]
    public void Read_MissingDosageAndNonsense_AreFlaggedNotLost()
    {
        var input = Reader.Read("""
            { "source": { "id": "pasient", "kind": "patient" },
              "entries": [
                { "id": "1", "name": "Paracet 500 mg" },
                { "id": "2", "name": "Xyzzy", "dosageText": "blah blah" },
                { "id": "3", "name": "Furix 40 mg", "dose": "1 tablett", "timesPerDay": -3 }
              ] }
            """, "p.json").SinglePatient();
        var result = ReconciliationEngine.CreateDefault().Reconcile(input.Lists);
        Assert.Equal(3, result.EntryCount);
        Assert.Contains(result.Unresolved, u => u.Entry.Entry.EntryId == "2");
        Assert.Contains(result.Lines.Single(l => l.Id == "C03CA01").Discrepancies, d => d.Code == DiscrepancyCodes.ImplausibleDose);
    }

    [Fact]
    public void Read_KindOverride_WinsOverTheFile()
    {
        var input = Reader.Read("""{ "source": { "id": "x", "kind": "gp" }, "entries": [] }""", "x.json", SourceKind.Hospital).SinglePatient();
        Assert.Equal(SourceKind.Hospital, input.Lists[0].Source.Kind);
    }

    [Fact]
    public void Read_TenThousandEntries_AreAllAccountedFor()
    {
        var names = new[] { "Marevan 2,5 mg", "Paracet 500 mg", "Ukjent", "Furix 40 mg", "Selo-Zok 50 mg" };
        var entries = string.Join(",", Enumerable.Range(0, 10_000).Select(i => $$"""{ "id": "e{{i}}", "name": "{{names[i % names.Length]}}", "dosageText": "1x{{1 + (i % 3)}}", "status": "active" }"""));
        var input = Reader.Read($$"""{ "source": { "id": "stor", "kind": "municipal" }, "entries": [ {{entries}} ] }""", "stor.json").SinglePatient();
        var result = ReconciliationEngine.CreateDefault().Reconcile(input.Lists);
        Assert.Equal(10_000, result.EntryCount);
        Assert.Equal(2_000, result.Unresolved.Count);
        Assert.Contains(result.Lines, l => l.Discrepancies.Any(d => d.Kind == DiscrepancyKind.Duplication));
    }

    [Fact]
    public void Read_SamplePatient_ReadsEveryFile() =>
        Assert.Equal(5, SamplePatient.Lists.Count);
}
