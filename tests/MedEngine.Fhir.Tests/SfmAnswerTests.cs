using System.Globalization;
using MedEngine.Model;
using MedEngine.Serialization;
using Xunit;

namespace MedEngine.Fhir.Tests;

/// <summary>SFM Basis answers of the same shape as NHN's, written by hand in TestData/sfm, and their faults.</summary>
public sealed class SfmAnswerTests
{
    private const string FirstLinkPartOf = "\"partOf\": [ { \"reference\": \"urn:uuid:5f0c1d2e-0000-4000-8000-000000000011\" } ]";

    private static string Chain => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "sfm", "getmedication-chain.json"));

    private static SourceReadResult Read(string content, string file = "getmedication-chain.json") => new FhirInputReader().Read(content, file);

    [Fact]
    public void Only_the_head_of_a_chain_is_an_entry_and_it_names_the_earlier_links_oldest_first()
    {
        var list = Assert.Single(Read(Chain).SinglePatient().Lists);

        Assert.Equal(["renewal-3", "paracet"], list.Entries.Select(e => e.EntryId));
        Assert.Equal(["first-prescription", "renewal-2"], list.Entries[0].Replaces);
        Assert.Empty(list.Entries[1].Replaces);
    }

    [Fact]
    public void The_pll_date_and_author_confirm_the_pll_source_and_each_statement_keeps_its_registration()
    {
        var list = Assert.Single(Read(Chain).SinglePatient().Lists);

        Assert.Equal(("getmedication-chain-pll", SourceKind.Pll), (list.Source.Id, list.Source.Kind));
        Assert.Equal(DateTimeOffset.Parse("2026-02-20T14:30:00+01:00", CultureInfo.InvariantCulture), list.Source.LastConfirmed);
        Assert.Equal("Kari Lege, HPR: 1234567, Fjellheim legekontor", list.Source.ConfirmedBy);
        Assert.True(list.Source.PllExists);
        Assert.Equal(
            new EntryRegistration("Godkjent", "Forskrevet av", "Kari Lege, HPR: 1234567", DateTimeOffset.Parse("2026-03-01T09:00:00+01:00", CultureInfo.InvariantCulture)),
            list.Entries[0].Registration);
        Assert.Equal("Kari Lege, HPR: 1234567", list.Entries[0].RecordedBy);
        Assert.Equal(list.Entries[0].Registration!.At, list.Entries[0].LastChanged);
        Assert.Null(list.Entries[1].Registration);
    }

    [Fact]
    public void A_kind_given_by_the_caller_keeps_the_pll_facts_on_the_one_source()
    {
        var list = Assert.Single(new FhirInputReader().Read(Chain, "sfm.json", SourceKind.Pll).SinglePatient().Lists);

        Assert.Equal("sfm", list.Source.Id);
        Assert.NotNull(list.Source.LastConfirmed);
        Assert.Equal(3, list.Source.Lookups.Count);
    }

    [Fact]
    public void The_registry_lookups_are_kept_with_their_times_codes_and_flags()
    {
        var lookups = Assert.Single(Read(Chain).SinglePatient().Lists).Source.Lookups;

        Assert.Equal(
            [
                new RegistryLookup("KJ", DateTimeOffset.Parse("2026-03-02T10:00:01+01:00", CultureInfo.InvariantCulture)) { ErrorCode = "0", Error = "OK", HasLocked = false, HasMedications = true },
                new RegistryLookup("RF M9.6", DateTimeOffset.Parse("2026-03-02T10:00:00+01:00", CultureInfo.InvariantCulture)) { ErrorCode = "2", Error = "Tidsavbrudd", Detail = "RF svarte ikke innen fristen", HasLocked = true },
                new RegistryLookup("RF M9.12", DateTimeOffset.Parse("2026-03-02T10:00:00+01:00", CultureInfo.InvariantCulture)) { ErrorCode = "0", Error = "OK", HasLocked = true },
            ],
            lookups);
        Assert.Equal([true, false, true], lookups.Select(l => l.IsOk));
    }

    [Fact]
    public void A_lookup_parameter_of_the_wrong_type_is_reported_at_its_parameter()
    {
        var result = Read(Chain.Replace("{ \"name\": \"KJHarLaste\", \"valueBoolean\": false }", "{ \"name\": \"KJHarLaste\", \"valueString\": \"nei\" }", StringComparison.Ordinal));

        var issue = Assert.Single(result.Issues);
        Assert.Equal((InputIssueCodes.FhirUnreadableResource, "parameter[7]"), (issue.Code, issue.Field));
        Assert.Contains("'KJHarLaste' must have a valueBoolean", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_parameter_is_counted_as_skipped()
    {
        var result = Read(Chain.Replace("{ \"name\": \"RFHarLaste\", \"valueBoolean\": true }", "{ \"name\": \"RFHarLaste\", \"valueBoolean\": true }, { \"name\": \"Nyhet\", \"valueInteger\": 1 }", StringComparison.Ordinal));

        Assert.Empty(result.Issues);
        Assert.Equal(1, result.Skipped["Parameters.parameter (Nyhet)"]);
    }

    [Fact]
    public void A_chain_link_naming_no_statement_is_reported_and_stays_an_entry()
    {
        var result = Read(Chain.Replace(FirstLinkPartOf, FirstLinkPartOf.Replace("0011", "0099", StringComparison.Ordinal), StringComparison.Ordinal));

        var issue = Assert.Single(result.Issues);
        Assert.Equal((InputIssueCodes.FhirBrokenChain, "first-prescription", "partOf"), (issue.Code, issue.Entry, issue.Field));
        // Outside the document's sections, the earlier link that could not be followed is a source of its own.
        var lists = Assert.Single(result.Patients).Lists;
        Assert.Equal(
            [("getmedication-chain", "first-prescription"), ("getmedication-chain-pll", "renewal-3"), ("getmedication-chain-pll", "paracet")],
            lists.SelectMany(l => l.Entries.Select(e => (l.Source.Id, e.EntryId))));
        Assert.Equal(["renewal-2"], lists[1].Entries[0].Replaces);
    }

    [Fact]
    public void A_chain_that_loops_is_reported_for_each_link_and_every_link_stays_an_entry()
    {
        var looped = Chain.Replace(
            "\"basedOn\": [",
            "\"partOf\": [ { \"reference\": \"urn:uuid:5f0c1d2e-0000-4000-8000-000000000012\" } ], \"basedOn\": [",
            StringComparison.Ordinal);

        var result = Read(looped);

        Assert.Equal(["renewal-3", "renewal-2", "first-prescription"], result.Issues.Select(i => i.Entry));
        Assert.All(result.Issues, i => Assert.Equal(InputIssueCodes.FhirBrokenChain, i.Code));
        Assert.Equal(
            ["first-prescription", "paracet", "renewal-2", "renewal-3"],
            Assert.Single(result.Patients).Lists.SelectMany(l => l.Entries).Select(e => e.EntryId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_pll_section_says_there_is_no_pll()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "sfm", "no-pll.json");

        var list = Assert.Single(new FhirInputReader().Read(File.ReadAllText(path), path).SinglePatient().Lists);

        Assert.False(list.Source.PllExists);
        Assert.Null(list.Source.LastConfirmed);
        Assert.Equal("ramipril", Assert.Single(list.Entries).EntryId);
    }

    [Fact]
    public void An_error_inside_the_parameters_is_refused_with_what_the_server_said()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "sfm", "error-in-parameters.json");

        var result = new FhirInputReader().Read(File.ReadAllText(path), path);

        var issue = Assert.Single(result.Issues);
        Assert.Equal((InputIssueCodes.FhirErrorAnswer, "parameter[0].resource"), (issue.Code, issue.Field));
        Assert.Equal(
            "The server answered with errors, not a medication list: error (security): Helsepersonellet har ikke tilgang til pasientens legemiddelliste.; information (informational): TraceId: 0000aaaa1111bbbb",
            issue.Message);
        Assert.Empty(result.Patients);
    }

    [Fact]
    public void An_outcome_with_only_warnings_in_a_bundle_is_no_refusal()
    {
        var content = FhirSamples.Bundle(
            "searchset",
            FhirSamples.Request("r1"),
            """{"resourceType":"OperationOutcome","issue":[{"severity":"warning","code":"informational","diagnostics":"Some results were left out."}]}""");

        var result = new FhirInputReader().Read(content, "search.json");

        Assert.Empty(result.Issues);
        Assert.Equal("r1", Assert.Single(Assert.Single(result.SinglePatient().Lists).Entries).EntryId);
    }
}
