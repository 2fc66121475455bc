using System.Text.Json.Nodes;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>Discovery, bad requests (400 naming the field), unknown services (404), oversized bodies (413), and the cards themselves.</summary>
public sealed class RequestTests(SharedService service) : IClassFixture<SharedService>
{
    private readonly ServiceHost _host = service.Host;

    private async Task<(int Status, string? Field)> BadAsync(string service, string json)
    {
        var (status, body) = await _host.PostAsync("/cds-services/" + service, json);
        return (status, body?["field"]?.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_lists_the_services_with_prefetch_templates()
    {
        var body = JsonNode.Parse(await _host.Client.GetStringAsync("/cds-services"))!;
        var services = body["services"]!.AsArray();
        Assert.Equal(["order-select", "order-sign", "patient-view", "medication-prescribe"], services.Select(s => s!["hook"]!.GetValue<string>()));
        var prefetch = services[0]!["prefetch"]!.AsObject();
        Assert.Equal("Patient/{{context.patientId}}", prefetch["patient"]!.GetValue<string>());
        Assert.Equal("MedicationRequest?patient={{context.patientId}}&status=active", prefetch["medicationRequests"]!.GetValue<string>());
        Assert.Contains("MedicationStatement?patient={{context.patientId}}", prefetch["medicationStatements"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("MedicationDispense?patient={{context.patientId}}", prefetch["medicationDispenses"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Condition?patient={{context.patientId}}", prefetch["conditions"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("AllergyIntolerance?patient={{context.patientId}}", prefetch["allergies"]!.GetValue<string>(), StringComparison.Ordinal);
        var observations = prefetch["observations"]!.GetValue<string>();
        foreach (var loinc in new[] { "62238-1", "2160-0", "2823-3", "6301-6" })
        {
            Assert.Contains("http://loinc.org|" + loinc, observations, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Encounter", "HH", false)]
    [InlineData("Location", "NCCF", true)]
    [InlineData(null, null, true)]
    public async Task The_care_setting_comes_from_a_prefetched_encounter_or_location(string? type, string? code, bool nursingHomeCard)
    {
        var request = Requests.WarfarinIbuprofenSelect("p-setting-" + (code ?? "none"));
        if (type == "Encounter")
        {
            request["prefetch"]!["encounter"] = new JsonObject { ["resourceType"] = "Encounter", ["id"] = "enc-1", ["status"] = "in-progress", ["class"] = new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ActCode", ["code"] = code } };
        }
        else if (type == "Location")
        {
            request["prefetch"]!["location"] = new JsonObject { ["resourceType"] = "Location", ["id"] = "loc-1", ["type"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-RoleCode", ["code"] = code }) }) };
        }

        var (status, body) = await _host.PostAsync("/cds-services/medengine-order-select", request.ToJsonString());
        Assert.Equal(200, status);
        var topics = body!["cards"]!.AsArray().Select(c => c!["source"]!["topic"]!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("MEDENGINE-DDI-0001", topics);
        Assert.Equal(nursingHomeCard, topics.Contains("NORGEP-NH-03"));
    }

    [Fact]
    public async Task An_order_select_call_returns_a_card_with_a_delete_suggestion_and_override_reasons()
    {
        var (status, body) = await _host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-cards").ToJsonString());
        Assert.Equal(200, status);
        var card = body!["cards"]!.AsArray().Single(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-DDI-0001")!;
        Assert.Equal("critical", card["indicator"]!.GetValue<string>()); // avoid, raised by age 80
        Assert.Equal("Warfarin + NSAID: increased bleeding risk (warfarin + ibuprofen)", card["summary"]!.GetValue<string>());
        Assert.Equal("at-most-one", card["selectionBehavior"]!.GetValue<string>());
        var suggestion = card["suggestions"]!.AsArray().Single()!;
        Assert.True(suggestion["isRecommended"]!.GetValue<bool>());
        Assert.Equal("delete", suggestion["actions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("MedicationRequest/draft-ibu", suggestion["actions"]![0]!["resourceId"]![0]!.GetValue<string>());
        Assert.Contains(card["overrideReasons"]!.AsArray(), r => r!["code"]!.GetValue<string>() == "benefit-outweighs-risk");
        var detail = card["detail"]!.GetValue<string>();
        Assert.Contains("Marevan 2,5 mg tablett", detail, StringComparison.Ordinal);
        Assert.Contains("`medicationRequests-requests`", detail, StringComparison.Ordinal);
        Assert.Contains("**Mechanism:**", detail, StringComparison.Ordinal);
        Assert.Contains("**References:**", detail, StringComparison.Ordinal);
        Assert.Contains("age 65 or over", detail, StringComparison.Ordinal);
        Assert.Empty(body["systemActions"]!.AsArray());
    }

    [Fact]
    public async Task A_finding_not_about_the_selected_order_is_not_sent()
    {
        var request = Requests.WarfarinIbuprofenSelect("p-unselected");
        // ibuprofen is now on the active list, paracetamol is the selected draft: the interaction exists but is not about the order.
        request["context"]!["draftOrders"] = Requests.Bundle(Requests.MedicationRequest("draft-para", "Paracet 500 mg tablett", "draft"));
        request["context"]!["selections"] = new JsonArray("MedicationRequest/draft-para");
        request["prefetch"]!["medicationRequests"] = Requests.Bundle(Requests.MedicationRequest("rx-warfarin", "Marevan 2,5 mg tablett"), Requests.MedicationRequest("rx-ibu", "Ibux 400 mg tablett"));
        var (status, body) = await _host.PostAsync("/cds-services/medengine-order-select", request.ToJsonString());
        Assert.Equal(200, status);
        Assert.DoesNotContain(body!["cards"]!.AsArray(), c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-DDI-0001");
    }

    [Fact]
    public async Task A_draft_that_no_rule_can_check_gets_a_not_checked_card_whatever_the_threshold()
    {
        var request = Requests.WarfarinIbuprofenSelect("p-not-checked");
        request["context"]!["draftOrders"] = Requests.Bundle(Requests.MedicationRequest("draft-x", "Ukjentmedisin 10 mg tablett", "draft"));
        request["context"]!["selections"] = new JsonArray("MedicationRequest/draft-x");
        var (status, body) = await _host.PostAsync("/cds-services/medengine-order-select", request.ToJsonString());
        Assert.Equal(200, status);
        var card = body!["cards"]!.AsArray().Single(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-NOT-CHECKED")!;
        Assert.Equal("info", card["indicator"]!.GetValue<string>());
        Assert.Contains("Ukjentmedisin 10 mg tablett", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Ukjentmedisin", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Warfarin on the list is not about the order: it gets no not-checked card, and a drug the rules know gets none either.
        Assert.DoesNotContain("warfarin", card["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var (_, known) = await _host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-checked").ToJsonString());
        Assert.DoesNotContain(known!["cards"]!.AsArray(), c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-NOT-CHECKED");
    }

    [Fact]
    public async Task Findings_below_the_threshold_are_not_sent()
    {
        await using var strict = await ServiceHost.StartAsync(o => o.InterruptThreshold = Findings.Severity.Contraindicated);
        var request = Requests.WarfarinIbuprofenSelect("p-threshold");
        request["prefetch"]!["patient"] = Requests.Patient("1990-01-01"); // 36 years old: avoid, not raised
        var (_, body) = await strict.PostAsync("/cds-services/medengine-order-select", request.ToJsonString());
        Assert.DoesNotContain(body!["cards"]!.AsArray(), c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-DDI-0001");
    }

    [Fact]
    public async Task Norwegian_is_the_default_language()
    {
        await using var norwegian = await ServiceHost.StartAsync(o => o.Language = "nb");
        var (_, body) = await norwegian.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-nb").ToJsonString());
        var card = body!["cards"]!.AsArray().Single(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-DDI-0001")!;
        Assert.StartsWith("Warfarin + NSAID: økt blødningsrisiko", card["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("**Håndtering:**", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_service_is_404()
    {
        var (status, body) = await _host.PostAsync("/cds-services/no-such-service", Requests.WarfarinIbuprofenSelect().ToJsonString());
        Assert.Equal(404, status);
        Assert.Contains("no-such-service", body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_400_at_the_root() => Assert.Equal((400, "$"), await BadAsync("medengine-order-select", "{\"hook\": "));

    [Fact]
    public async Task Missing_patient_id_is_400_naming_it()
    {
        var request = Requests.WarfarinIbuprofenSelect();
        request["context"]!.AsObject().Remove("patientId");
        Assert.Equal((400, "context.patientId"), await BadAsync("medengine-order-select", request.ToJsonString()));
    }

    [Fact]
    public async Task A_hook_that_does_not_match_the_service_is_400_naming_hook() =>
        Assert.Equal((400, "hook"), await BadAsync("medengine-order-sign", Requests.WarfarinIbuprofenSelect().ToJsonString()));

    [Fact]
    public async Task Missing_selections_on_order_select_is_400_naming_them()
    {
        var request = Requests.WarfarinIbuprofenSelect();
        request["context"]!.AsObject().Remove("selections");
        Assert.Equal((400, "context.selections"), await BadAsync("medengine-order-select", request.ToJsonString()));
    }

    [Fact]
    public async Task Draft_orders_that_are_not_a_bundle_are_400()
    {
        var request = Requests.WarfarinIbuprofenSelect();
        request["context"]!["draftOrders"] = new JsonArray();
        Assert.Equal((400, "context.draftOrders"), await BadAsync("medengine-order-select", request.ToJsonString()));
    }

    [Fact]
    public async Task An_unreadable_prefetch_resource_is_400_naming_the_key()
    {
        var request = Requests.WarfarinIbuprofenSelect();
        request["prefetch"]!["medicationRequests"] = new JsonObject { ["resourceType"] = "NoSuchResource" };
        Assert.Equal((400, "prefetch.medicationRequests"), await BadAsync("medengine-order-select", request.ToJsonString()));
    }

    [Fact]
    public async Task A_bad_fhir_authorization_is_400()
    {
        var request = Requests.WarfarinIbuprofenSelect();
        request["fhirAuthorization"] = new JsonObject { ["token_type"] = "Bearer" };
        Assert.Equal((400, "fhirAuthorization.access_token"), await BadAsync("medengine-order-select", request.ToJsonString()));
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        await using var small = await ServiceHost.StartAsync(o => o.MaxRequestBodyBytes = 4096);
        var request = Requests.WarfarinIbuprofenSelect();
        request["padding"] = new string('x', 10_000);
        var (status, _) = await small.PostAsync("/cds-services/medengine-order-select", request.ToJsonString());
        Assert.Equal(413, status);
    }

    [Fact]
    public async Task Patient_view_returns_a_reconciliation_summary_card()
    {
        var statement = new JsonObject
        {
            ["resourceType"] = "MedicationStatement",
            ["id"] = "ms-1",
            ["status"] = "active",
            ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
            ["informationSource"] = new JsonObject { ["reference"] = "Patient/p1" },
            ["medicationCodeableConcept"] = new JsonObject { ["text"] = "Ibux 400 mg tablett" },
        };
        var request = new JsonObject
        {
            ["hook"] = "patient-view",
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/dr-1", ["patientId"] = "p-view" },
            ["prefetch"] = new JsonObject
            {
                ["patient"] = Requests.Patient("1940-05-05"),
                ["medicationRequests"] = Requests.Bundle(Requests.MedicationRequest("rx-warfarin", "Marevan 2,5 mg tablett")),
                ["medicationStatements"] = Requests.Bundle(statement),
            },
        };
        var (status, body) = await _host.PostAsync("/cds-services/medengine-patient-view", request.ToJsonString());
        Assert.Equal(200, status);
        var cards = body!["cards"]!.AsArray();
        var summary = cards[0]!;
        Assert.Equal("info", summary["indicator"]!.GetValue<string>());
        Assert.Equal("medengine-reconciliation", summary["source"]!["topic"]!["code"]!.GetValue<string>());
        Assert.StartsWith("Reconciliation: 2 medications, 2 sources", summary["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("| warfarin | active |", summary["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(cards, c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == "MEDENGINE-DDI-0001");
    }

    [Fact]
    public async Task No_patient_data_in_the_logs()
    {
        await using var host = await ServiceHost.StartAsync();
        await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("patient-secret-4711", "encounter-secret-99").ToJsonString());
        var bad = Requests.WarfarinIbuprofenSelect("patient-secret-4711");
        bad["prefetch"]!["medicationRequests"] = new JsonObject { ["resourceType"] = "NoSuchResource" };
        await host.PostAsync("/cds-services/medengine-order-select", bad.ToJsonString());
        var logs = host.Logs.All;
        Assert.Contains(host.Logs.Lines, l => l.EventId == 4010);
        foreach (var secret in new[] { "patient-secret-4711", "encounter-secret-99", "Marevan", "Ibux", "1946" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Without_trusted_clients_or_anonymous_loopback_the_host_does_not_start()
    {
        var e = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => ServiceHost.StartAsync(o => o.AllowAnonymousOnLoopback = false));
        Assert.Contains("TrustedClients", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_mode_warns_loudly_at_start()
    {
        await using var host = await ServiceHost.StartAsync();
        Assert.Contains(host.Logs.Lines, l => l.EventId == 4000 && l.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
    }
}
