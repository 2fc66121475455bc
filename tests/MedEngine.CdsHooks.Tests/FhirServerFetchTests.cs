using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>When prefetch is missing, the service fetches from the EHR's FHIR server (a stub on 127.0.0.1) with the bearer token.</summary>
public sealed class FhirServerFetchTests
{
    private sealed class FhirStub : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FhirStub(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public ConcurrentQueue<(string PathAndQuery, string Authorization)> Calls { get; } = new();

        public static async Task<FhirStub> StartAsync()
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            FhirStub? stub = null;
            app.Map("/fhir/{**path}", (HttpContext context) =>
            {
                stub!.Calls.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.ToString()));
                if (context.Request.Headers.Authorization != "Bearer fhir-token-s3cr3t")
                {
                    return Results.StatusCode(401);
                }

                JsonObject resource = context.Request.Path.Value switch
                {
                    "/fhir/Patient/p-fetch" => Requests.Patient("1944-02-02"),
                    "/fhir/MedicationRequest" => Requests.Bundle(Requests.MedicationRequest("rx-warfarin", "Marevan 2,5 mg tablett")),
                    "/fhir/Observation" => Requests.Bundle(),
                    _ => Requests.Bundle(),
                };
                if (context.Request.Path.Value == "/fhir/MedicationDispense")
                {
                    return Results.StatusCode(500); // one failing search must not fail the call
                }

                resource["type"] = resource["resourceType"]!.GetValue<string>() == "Bundle" ? "searchset" : null;
                if (resource["type"] is null)
                {
                    resource.Remove("type");
                }

                return Results.Text(resource.ToJsonString(), "application/fhir+json");
            });
            await app.StartAsync();
            stub = new FhirStub(app, new Uri(app.Urls.First() + "/fhir"));
            return stub;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private static JsonObject Request(Uri fhirServer) => new()
    {
        ["hook"] = "order-sign",
        ["hookInstance"] = Guid.NewGuid().ToString(),
        ["fhirServer"] = fhirServer.ToString(),
        ["fhirAuthorization"] = new JsonObject { ["access_token"] = "fhir-token-s3cr3t", ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/*.read", ["subject"] = "medengine" },
        ["context"] = new JsonObject
        {
            ["userId"] = "Practitioner/dr-1",
            ["patientId"] = "p-fetch",
            ["draftOrders"] = Requests.Bundle(Requests.MedicationRequest("draft-ibu", "Ibux 400 mg tablett", "draft")),
        },
    };

    [Fact]
    public async Task Missing_prefetch_is_fetched_with_the_bearer_token_and_the_token_is_never_logged_or_stored()
    {
        await using var stub = await FhirStub.StartAsync();
        var storePath = ServiceHost.TempStorePath();
        await using (var host = await ServiceHost.StartAsync(storePath: storePath))
        {
            var (status, body) = await host.PostAsync("/cds-services/medengine-order-sign", Request(stub.Url).ToJsonString());
            Assert.Equal(200, status);
            var card = body!["cards"]!.AsArray().Single(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-DDI-0001")!;
            Assert.Equal("critical", card["indicator"]!.GetValue<string>()); // the fetched Patient makes her 82
            Assert.Contains(stub.Calls, c => c.PathAndQuery == "/fhir/Patient/p-fetch");
            Assert.Contains(stub.Calls, c => c.PathAndQuery == "/fhir/MedicationRequest?patient=p-fetch&status=active");
            Assert.All(stub.Calls, c => Assert.Equal("Bearer fhir-token-s3cr3t", c.Authorization));
            Assert.Equal(7, stub.Calls.Count);
            Assert.DoesNotContain("fhir-token-s3cr3t", host.Logs.All, StringComparison.Ordinal);
            Assert.DoesNotContain("p-fetch", host.Logs.All, StringComparison.Ordinal);
            Assert.Contains(host.Logs.Lines, l => l.EventId == 4030); // the failing dispense search, by key only
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = await File.ReadAllBytesAsync(storePath);
        var wal = File.Exists(storePath + "-wal") ? await File.ReadAllBytesAsync(storePath + "-wal") : [];
        Assert.DoesNotContain("fhir-token-s3cr3t", System.Text.Encoding.UTF8.GetString(bytes) + System.Text.Encoding.UTF8.GetString(wal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prefetch_that_is_given_is_not_fetched_again()
    {
        await using var stub = await FhirStub.StartAsync();
        await using var host = await ServiceHost.StartAsync();
        var request = Request(stub.Url);
        request["prefetch"] = new JsonObject { ["patient"] = Requests.Patient("1944-02-02"), ["medicationRequests"] = Requests.Bundle() };
        var (status, _) = await host.PostAsync("/cds-services/medengine-order-sign", request.ToJsonString());
        Assert.Equal(200, status);
        Assert.DoesNotContain(stub.Calls, c => c.PathAndQuery.StartsWith("/fhir/Patient", StringComparison.Ordinal) || c.PathAndQuery.StartsWith("/fhir/MedicationRequest", StringComparison.Ordinal));
        Assert.Equal(5, stub.Calls.Count);
    }
}
