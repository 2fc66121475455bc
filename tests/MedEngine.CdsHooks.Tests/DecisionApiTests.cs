using System.Net;
using System.Text.Json.Nodes;
using Xunit;
using static MedEngine.CdsHooks.Tests.PatientApiTests;

namespace MedEngine.CdsHooks.Tests;

/// <summary>
/// A scripted reconciliation over HTTP on a real server and store: the sample patient's lists put, every line decided, the
/// list confirmed, then a dispensing of the stopped NSAID re-opens that line and no other.
/// </summary>
public sealed class DecisionApiTests
{
    private static JsonObject Clinician => new() { ["id"] = "HPR-9144889", ["role"] = "lege", ["name"] = "Kari Lege" };

    private static JsonObject Decision(string lineId, string decision, long onSequence) => new()
    {
        ["type"] = "lineDecided", ["lineId"] = lineId, ["decision"] = decision, ["clinician"] = Clinician, ["at"] = "2026-12-06T09:00:00+01:00",
        ["onSequence"] = onSequence, ["dosageText"] = decision == "change" ? "1 tablett morgen" : null,
    };

    [Fact]
    public async Task Decide_every_line_confirm_then_a_contradicting_dispensing_reopens_exactly_that_line()
    {
        await using var host = await ServiceHost.StartAsync();
        foreach (var (file, source) in new[] { ("gp.json", "gp-olsen"), ("hospital-epikrise.json", "sykehus-med-epikrise"), ("home-care.json", "hjemmesykepleien-fjellheim"), ("dispensing.json", "kjernejournal-utleveringer"), ("patient.json", "pasient-egenrapport") })
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Put, $"/patients/ingrid/sources/{source}", Sample(file))).Status);
        }

        var (_, list, _) = await SendAsync(host, HttpMethod.Get, "/patients/ingrid/list");
        var sequence = (long)list!["sequence"]!;
        Assert.Contains(list["findings"]!.AsArray(), f => (string)f!["ruleId"]! == "NORGEP-NH-28"); // donepezil for over a year
        var (status, confirmed, _) = await SendAsync(host, HttpMethod.Get, "/patients/ingrid/confirmed");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("notReconciled", (string)confirmed!["status"]!);

        var decisions = new JsonArray();
        foreach (var line in list["lines"]!.AsArray())
        {
            var id = (string)line!["id"]!;
            decisions.Add(Decision(id, id switch { "M01AE01" => "stop", "N06DA02" => "notTaken", "C03CA01" => "change", _ => "accept" }, sequence));
        }

        decisions.Add(new JsonObject { ["type"] = "listConfirmed", ["clinician"] = Clinician, ["at"] = "2026-12-06T09:05:00+01:00", ["onSequence"] = sequence });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Post, "/patients/ingrid/decisions", decisions.ToJsonString())).Status);
        (_, confirmed, _) = await SendAsync(host, HttpMethod.Get, "/patients/ingrid/confirmed");
        Assert.Equal("complete", (string)confirmed!["status"]!);
        Assert.Empty(confirmed["open"]!.AsArray());
        Assert.Equal("HPR-9144889", (string)confirmed["confirmation"]!["clinician"]!["id"]!);
        (_, list, _) = await SendAsync(host, HttpMethod.Get, "/patients/ingrid/list");
        Assert.DoesNotContain(list!["findings"]!.AsArray(), f => (string)f!["ruleId"]! == "NORGEP-NH-28"); // donepezil not taken

        var dispensing = new JsonObject
        {
            ["type"] = "entryUpserted", ["eventId"] = "apotek-2026-12-06-1",
            ["source"] = new JsonObject { ["id"] = "kjernejournal-utleveringer", ["kind"] = "dispensing" },
            ["entry"] = new JsonObject
            {
                ["id"] = "d-12", ["name"] = "Ibux 400 mg tablett 30 stk", ["codes"] = new JsonArray(new JsonObject { ["system"] = "atc", ["code"] = "M01AE01" }),
                ["dosageText"] = "1 tablett ved behov", ["status"] = "completed", ["lastChanged"] = "2026-12-06",
            },
        };
        var (_, stored, _) = await SendAsync(host, HttpMethod.Post, "/patients/ingrid/events", dispensing.ToJsonString());
        var dispensedAt = (long)stored!["sequence"]!;
        (_, confirmed, _) = await SendAsync(host, HttpMethod.Get, "/patients/ingrid/confirmed");
        Assert.Equal("stale", (string)confirmed!["status"]!);
        Assert.Equal(["M01AE01"], confirmed["open"]!.AsArray().Select(l => (string)l!));
        var reopened = confirmed["lines"]!.AsArray().Single(l => (string)l!["lineId"]! == "M01AE01")!;
        Assert.Contains(reopened["line"]!["discrepancies"]!.AsArray(), d => (string)d!["code"]! == "MR013");

        var (_, since, _) = await SendAsync(host, HttpMethod.Get, "/patients/ingrid/since-confirmed");
        var changed = Assert.Single(since!["sinceConfirmed"]!["changed"]!.AsArray())!;
        Assert.Equal("M01AE01", (string)changed["lineId"]!);
        Assert.Equal([dispensedAt], changed["events"]!.AsArray().Select(e => (long)e!));
        Assert.Empty(since["sinceConfirmed"]!["new"]!.AsArray());
    }

    [Fact]
    public async Task Bad_decisions_are_refused_naming_the_field_and_unknown_patients_are_404()
    {
        await using var host = await ServiceHost.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(host, HttpMethod.Post, "/patients/nobody/decisions", Decision("B01AA03", "accept", 1).ToJsonString())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(host, HttpMethod.Get, "/patients/nobody/confirmed")).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Put, "/patients/p/sources/gp-olsen", Sample("gp.json"))).Status);

        var (status, body, _) = await SendAsync(host, HttpMethod.Post, "/patients/p/decisions", Decision("B01AA03", "postpone", 1).ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("decision", body!.ToJsonString(), StringComparison.Ordinal);
        var withBasis = Decision("B01AA03", "accept", 1);
        withBasis["basis"] = new JsonArray();
        (status, body, _) = await SendAsync(host, HttpMethod.Post, "/patients/p/decisions", withBasis.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("basis", body!.ToJsonString(), StringComparison.Ordinal);
        (status, _, _) = await SendAsync(host, HttpMethod.Post, "/patients/p/decisions", """{"type":"sourceRemoved","sourceId":"gp-olsen"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        (status, body, _) = await SendAsync(host, HttpMethod.Post, "/patients/p/decisions", Decision("X99", "stop", 1).ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("X99", body!.ToJsonString(), StringComparison.Ordinal);
    }
}
