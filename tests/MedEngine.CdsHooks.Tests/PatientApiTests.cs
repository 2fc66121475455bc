using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>The patient API on a real server at 127.0.0.1, over a real SQLite event store.</summary>
public sealed class PatientApiTests
{
    internal static string Sample(string name) => File.ReadAllText(Path.Combine(RepositoryPaths.Samples, name));

    internal static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(ServiceHost host, HttpMethod method, string path, string? body = null, string? idempotencyKey = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (accept is not null)
        {
            request.Headers.Add("Accept", accept);
        }

        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    [Fact]
    public async Task PutSources_ThenGetList_GivesTheReconciledListWithItsSequence_AndSurvivesARestart()
    {
        var store = ServiceHost.TempStorePath();
        string list;
        await using (var host = await ServiceHost.StartAsync(storePath: store))
        {
            var (status, body, _) = await SendAsync(host, HttpMethod.Put, "/patients/p1/sources/gp-hansen?kind=gp", Sample("gp.json"));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(2, (long)body!["sequence"]!); // the list, and the patient facts it carries
            Assert.Equal(2, body["stored"]!.AsArray().Count);
            Assert.NotEmpty(body["lines"]!["added"]!.AsArray());
            (status, body, _) = await SendAsync(host, HttpMethod.Put, "/patients/p1/sources/hospital", Sample("hospital-epikrise.json"));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True((long)body!["sequence"]! >= 2);

            var (listStatus, listBody, response) = await SendAsync(host, HttpMethod.Get, "/patients/p1/list");
            Assert.Equal(HttpStatusCode.OK, listStatus);
            Assert.Equal(body["sequence"]!.ToJsonString(), listBody!["sequence"]!.ToJsonString());
            Assert.Equal($"\"{body["sequence"]}\"", response.Headers.ETag!.Tag);
            Assert.Contains(listBody["sources"]!.AsArray(), s => (string)s!["id"]! == "gp-hansen");
            Assert.NotEmpty(listBody["findings"]!.AsArray());
            list = listBody.ToJsonString();

            var (fhirStatus, fhir, _) = await SendAsync(host, HttpMethod.Get, "/patients/p1/list", accept: "application/fhir+json");
            Assert.Equal(HttpStatusCode.OK, fhirStatus);
            Assert.Equal("Bundle", (string)fhir!["resourceType"]!);
        }

        await using (var restarted = await ServiceHost.StartAsync(storePath: store))
        {
            var (status, body, _) = await SendAsync(restarted, HttpMethod.Get, "/patients/p1/list");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(list, body!.ToJsonString());
        }

        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task ABodyThatIsNotUtf8_Is400WithTheOffset_NothingStored()
    {
        await using var host = await ServiceHost.StartAsync();
        byte[] body = [.. Encoding.UTF8.GetBytes(Sample("gp.json"))[..40], 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(Sample("gp.json"))[40..]];
        using var request = new HttpRequestMessage(HttpMethod.Put, "/patients/p-utf8/sources/gp") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(InputIssueCodes.FileNotUtf8, (string)problem["issues"]![0]!["code"]!);
        Assert.Contains("byte offset 40", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(host, HttpMethod.Get, "/patients/p-utf8/list")).Status);
    }

    [Fact]
    public async Task APutDeliveredTwice_ChangesNothing_AndTheLogShowsOneEvent()
    {
        await using var host = await ServiceHost.StartAsync();
        var first = await SendAsync(host, HttpMethod.Put, "/patients/p2/sources/gp", Sample("gp.json"), idempotencyKey: "msg-1");
        var again = await SendAsync(host, HttpMethod.Put, "/patients/p2/sources/gp", Sample("gp.json"), idempotencyKey: "msg-1");

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.True((bool)again.Body!["redelivery"]!);
        Assert.Equal(first.Body!["sequence"]!.ToJsonString(), again.Body["sequence"]!.ToJsonString());
        var (_, log, _) = await SendAsync(host, HttpMethod.Get, "/patients/p2/events");
        Assert.Equal(["sourceListReplaced", "patientContextChanged"], log!["events"]!.AsArray().Select(e => (string)e!["type"]!));
        Assert.Equal("gp", (string)log["events"]![0]!["event"]!["list"]!["source"]!["id"]!);
        var (_, tail, _) = await SendAsync(host, HttpMethod.Get, "/patients/p2/events?after=1");
        Assert.Equal(2, (long)Assert.Single(tail!["events"]!.AsArray())!["sequence"]!);
    }

    [Fact]
    public async Task PostEvents_AppliesThem_AndRefusesBadOnesNamingTheFieldOrEntry()
    {
        await using var host = await ServiceHost.StartAsync();
        await SendAsync(host, HttpMethod.Put, "/patients/p3/sources/gp", Sample("gp.json"));
        var gp = JsonNode.Parse(Sample("gp.json"))!;
        var entryId = (string)gp["entries"]![0]!["id"]!;

        var stopped = await SendAsync(host, HttpMethod.Post, "/patients/p3/events",
            $$"""{ "type": "entryStopped", "eventId": "s-1", "sourceId": "gp", "entryId": "{{entryId}}", "stoppedAt": "2026-12-01T10:00:00+01:00", "reason": "blødning" }""");
        Assert.Equal(HttpStatusCode.OK, stopped.Status);
        Assert.True(stopped.Body!["lines"]!["changed"]!.AsArray().Count + stopped.Body["lines"]!["added"]!.AsArray().Count > 0);

        var malformed = await SendAsync(host, HttpMethod.Post, "/patients/p3/events", """{ "type": "entryStopped", "sourceId": "gp", "entryId": "x", "stopedAt": "2026-12-01" }""");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Contains(malformed.Body!["issues"]!.AsArray(), i => (string?)i!["field"] == "stopedAt");

        var unknown = await SendAsync(host, HttpMethod.Post, "/patients/p3/events", """{ "type": "entryRemoved", "sourceId": "gp", "entryId": "no-such-entry" }""");
        Assert.Equal(HttpStatusCode.Conflict, unknown.Status);
        Assert.Contains("no-such-entry", (string)unknown.Body!["detail"]!, StringComparison.Ordinal);

        var badList = await SendAsync(host, HttpMethod.Put, "/patients/p3/sources/gp", """{ "source": { "id": "gp" }, "entries": [ { "id": "e1", "name": "Paracet", "dose": "lots" } ] }""");
        Assert.Equal(HttpStatusCode.BadRequest, badList.Status);
        Assert.Equal("dose", (string)badList.Body!["field"]!);

        var badKind = await SendAsync(host, HttpMethod.Put, "/patients/p3/sources/gp?kind=gpp", Sample("gp.json"));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.Status);

        var (_, log, _) = await SendAsync(host, HttpMethod.Get, "/patients/p3/events");
        Assert.Equal(3, log!["events"]!.AsArray().Count);
    }

    [Fact]
    public async Task UnknownPatients_Are404_AndBodiesOverTheLimit413()
    {
        await using var host = await ServiceHost.StartAsync(options => options.MaxRequestBodyBytes = 1000);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(host, HttpMethod.Get, "/patients/nobody/list")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(host, HttpMethod.Get, "/patients/nobody/events")).Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(host, HttpMethod.Put, "/patients/p4/sources/gp", Sample("gp.json") + new string(' ', 2000))).Status);
    }

    [Fact]
    public async Task Changes_StreamsOneServerSentEventPerDurableChange()
    {
        await using var host = await ServiceHost.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/patients/p5/changes");
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.StartsWith(": watching p5", await reader.ReadLineAsync());

        var (_, put, _) = await SendAsync(host, HttpMethod.Put, "/patients/p5/sources/gp", Sample("gp.json"));

        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (lines.Count < 3 || lines[^1].Length > 0)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                break;
            }

            if (line.Length > 0 || lines.Count > 0)
            {
                lines.Add(line);
            }
        }

        Assert.Equal($"id: {put!["sequence"]}", lines[0]);
        Assert.Equal("event: change", lines[1]);
        Assert.Equal(put.ToJsonString(), JsonNode.Parse(lines[2]["data: ".Length..])!.ToJsonString());
    }

    [Fact]
    public async Task AHookForAPatientTheServiceHolds_EvaluatesTheStoredListPlusTheDraftOrders()
    {
        await using var host = await ServiceHost.StartAsync();
        var gp = """{ "source": { "id": "gp", "kind": "gp" }, "entries": [ { "id": "gp-1", "name": "Marevan 2,5 mg tablett", "status": "active" } ] }""";
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, HttpMethod.Put, "/patients/held-1/sources/gp", gp)).Status);
        var request = Requests.WarfarinIbuprofenSelect("held-1");
        request["prefetch"]!.AsObject().Remove("medicationRequests"); // the EHR sends only the patient and the draft
        var withoutHeld = Requests.WarfarinIbuprofenSelect("not-held");
        withoutHeld["prefetch"]!.AsObject().Remove("medicationRequests");

        var (status, body) = await host.PostAsync("/cds-services/medengine-order-select", request.ToJsonString());
        var (_, nothingHeld) = await host.PostAsync("/cds-services/medengine-order-select", withoutHeld.ToJsonString());

        Assert.Equal(200, status);
        Assert.Contains(body!["cards"]!.AsArray(), c => ((string)c!["summary"]!).Contains("warfarin", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(nothingHeld!["cards"]!.AsArray(), c => ((string)c!["summary"]!).Contains("warfarin", StringComparison.OrdinalIgnoreCase));
    }
}
