using System.Text.Json.Nodes;
using MedEngine.CdsHooks.Audit;
using MedEngine.Persistence;
using MedEngine.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MedEngine.CdsHooks.Tests;

/// <summary>Feedback, overrides that keep a finding quiet for the same patient and context, and the audit trail across a restart.</summary>
public sealed class FeedbackAndAuditTests
{
    private const string Rule = "MEDENGINE-DDI-0001";

    private static JsonNode? BleedingCard(JsonNode body) =>
        body["cards"]!.AsArray().FirstOrDefault(c => c!["source"]!["topic"]!["code"]!.GetValue<string>() == Rule);

    private static string Override(string cardUuid) => new JsonObject
    {
        ["feedback"] = new JsonArray(new JsonObject
        {
            ["card"] = cardUuid,
            ["outcome"] = "overridden",
            ["overrideReason"] = new JsonObject
            {
                ["reason"] = new JsonObject { ["system"] = "https://medengine.no/fhir/CodeSystem/override-reason", ["code"] = "will-monitor", ["display"] = "Will monitor" },
                ["userComment"] = "Short course, INR on Friday",
            },
            ["outcomeTimestamp"] = "2026-11-26T10:00:00Z",
        }),
    }.ToJsonString();

    [Fact]
    public async Task An_overridden_finding_stays_quiet_for_the_same_patient_and_encounter_only()
    {
        await using var host = await ServiceHost.StartAsync();
        var (_, first) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-override", "enc-A").ToJsonString());
        var card = BleedingCard(first!)!;
        var (status, _) = await host.PostAsync("/cds-services/medengine-order-select/feedback", Override(card["uuid"]!.GetValue<string>()));
        Assert.Equal(200, status);

        var (_, again) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-override", "enc-A").ToJsonString());
        Assert.Null(BleedingCard(again!));
        var (_, otherEncounter) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-override", "enc-B").ToJsonString());
        Assert.NotNull(BleedingCard(otherEncounter!));
        var (_, otherPatient) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-other", "enc-A").ToJsonString());
        Assert.NotNull(BleedingCard(otherPatient!));

        var audit = host.Services.GetRequiredService<IAuditTrail>();
        var evaluations = await audit.EvaluationsAsync("p-override");
        Assert.Equal(3, evaluations.Count);
        Assert.Equal(FindingDisposition.Card, evaluations[0].Findings.Single(f => f.RuleId == Rule).Disposition);
        Assert.Equal(FindingDisposition.Overridden, evaluations[1].Findings.Single(f => f.RuleId == Rule).Disposition);
        Assert.Equal("enc-A", evaluations[1].Context);
        var feedback = Assert.Single(await audit.FeedbackAsync("p-override"));
        Assert.Equal("overridden", feedback.Outcome);
        Assert.Equal("will-monitor", feedback.OverrideReason);
        Assert.Equal("Short course, INR on Friday", feedback.Comment);
    }

    [Fact]
    public async Task Accepted_feedback_is_recorded_and_does_not_quiet_the_card()
    {
        await using var host = await ServiceHost.StartAsync();
        var (_, first) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-accept").ToJsonString());
        var card = BleedingCard(first!)!;
        var accepted = new JsonObject
        {
            ["feedback"] = new JsonArray(new JsonObject
            {
                ["card"] = card["uuid"]!.GetValue<string>(),
                ["outcome"] = "accepted",
                ["acceptedSuggestions"] = new JsonArray(new JsonObject { ["id"] = card["suggestions"]![0]!["uuid"]!.GetValue<string>() }),
            }),
        };
        Assert.Equal(200, (await host.PostAsync("/cds-services/medengine-order-select/feedback", accepted.ToJsonString())).Status);
        var (_, again) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-accept").ToJsonString());
        Assert.NotNull(BleedingCard(again!));
        var feedback = Assert.Single(await host.Services.GetRequiredService<IAuditTrail>().FeedbackAsync("p-accept"));
        Assert.Equal("accepted", feedback.Outcome);
        Assert.Single(feedback.AcceptedSuggestions);
    }

    [Fact]
    public async Task Feedback_on_an_unknown_card_or_with_a_bad_outcome_is_400_naming_the_field()
    {
        await using var host = await ServiceHost.StartAsync();
        var (status, body) = await host.PostAsync("/cds-services/medengine-order-select/feedback", Override(Guid.NewGuid().ToString()));
        Assert.Equal(400, status);
        Assert.Equal("feedback[0].card", body!["field"]!.GetValue<string>());
        (status, body) = await host.PostAsync("/cds-services/medengine-order-select/feedback", "{\"feedback\":[{\"card\":\"x\",\"outcome\":\"ignored\"}]}");
        Assert.Equal(400, status);
        Assert.Equal("feedback[0].outcome", body!["field"]!.GetValue<string>());
        (status, _) = await host.PostAsync("/cds-services/nope/feedback", Override("x"));
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task Overrides_and_the_audit_trail_survive_a_restart()
    {
        var path = ServiceHost.TempStorePath();
        await using (var host = await ServiceHost.StartAsync(storePath: path))
        {
            var (_, first) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-restart", "enc-R").ToJsonString());
            Assert.Equal(200, (await host.PostAsync("/cds-services/medengine-order-select/feedback", Override(BleedingCard(first!)!["uuid"]!.GetValue<string>()))).Status);
        }

        await using (var restarted = await ServiceHost.StartAsync(storePath: path))
        {
            var (_, after) = await restarted.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-restart", "enc-R").ToJsonString());
            Assert.Null(BleedingCard(after!));
            var audit = restarted.Services.GetRequiredService<IAuditTrail>();
            var evaluations = await audit.EvaluationsAsync("p-restart");
            Assert.Equal([FindingDisposition.Card, FindingDisposition.Overridden], evaluations.Select(e => e.Findings.Single(f => f.RuleId == Rule).Disposition));
            Assert.Single(await audit.FeedbackAsync("p-restart"));
        }

        await using var store = new SqlitePatientEventStore(path);
        var reopened = new EventStoreAuditTrail(store);
        Assert.Equal(2, (await reopened.EvaluationsAsync("p-restart")).Count);
        Assert.Single(await reopened.OverridesAsync("p-restart"));
    }

    [Fact]
    public async Task Evaluations_and_feedback_are_events_of_the_patients_own_log_and_leave_the_list_as_it_is()
    {
        var path = ServiceHost.TempStorePath();
        await using (var host = await ServiceHost.StartAsync(storePath: path))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, "/patients/p-log/sources/gp-hansen?kind=gp")
            {
                Content = new StringContent(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "gp.json")), System.Text.Encoding.UTF8, "application/json"),
            };
            Assert.Equal(System.Net.HttpStatusCode.OK, (await host.Client.SendAsync(put)).StatusCode);
            var (_, first) = await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-log", "enc-L").ToJsonString());
            Assert.Equal(200, (await host.PostAsync("/cds-services/medengine-order-select/feedback", Override(BleedingCard(first!)!["uuid"]!.GetValue<string>()))).Status);

            var list = JsonNode.Parse(await host.Client.GetStringAsync("/patients/p-log/list"))!;
            Assert.Equal(2, (long)list["sequence"]!); // the list and its patient facts; the records do not change it
            var log = JsonNode.Parse(await host.Client.GetStringAsync("/patients/p-log/events"))!["events"]!.AsArray();
            Assert.Equal(["sourceListReplaced", "patientContextChanged", "cdsEvaluation", "cdsFeedback"], log.Select(e => (string)e!["type"]!));
            Assert.Equal([1L, 2L, 3L, 4L], log.Select(e => (long)e!["sequence"]!));

            // A patient the service was never given a list for has an audit trail, but no list.
            await host.PostAsync("/cds-services/medengine-order-select", Requests.WarfarinIbuprofenSelect("p-prefetch-only").ToJsonString());
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Client.GetAsync("/patients/p-prefetch-only/list")).StatusCode);
            Assert.Single(await host.Services.GetRequiredService<IAuditTrail>().EvaluationsAsync("p-prefetch-only"));
        }

        await using var store = new SqlitePatientEventStore(path);
        var evaluation = Assert.Single(await store.ReadTypeAsync("p-log", PatientRecordTypes.CdsEvaluation));
        Assert.Contains("\"disposition\":\"card\"", evaluation.Payload, StringComparison.Ordinal);
        Assert.Equal(3, evaluation.Sequence);
    }
}
